#include "domain/resources/coping_card.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/resources/text.hpp"

namespace trove::resources {

namespace {

constexpr std::size_t kMaxContacts = 10;
constexpr std::size_t kMaxSteps = 20;
constexpr std::size_t kMaxReasons = 10;
constexpr std::size_t kMaxLine = 300;

std::string to_stored(const CopingCard& card) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : card.contacts)
        contacts.push_back({{"name", c.name}, {"phone", c.phone}, {"note", c.note}});
    return nlohmann::json{
        {"contacts", contacts}, {"calming_steps", card.calming_steps}, {"reasons", card.reasons}}
        .dump();
}

CopingCard from_stored(const std::string& text) {
    CopingCard card;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return card;
    for (const auto& c : j.value("contacts", nlohmann::json::array())) {
        card.contacts.push_back({c.value("name", ""), c.value("phone", ""), c.value("note", "")});
    }
    card.calming_steps = j.value("calming_steps", std::vector<std::string>{});
    card.reasons = j.value("reasons", std::vector<std::string>{});
    return card;
}

Result<std::vector<std::string>> clean_lines(const std::string& field,
                                             const std::vector<std::string>& lines,
                                             std::size_t max_lines) {
    // Blank lines (an empty field left in the form) are dropped before counting.
    std::vector<std::string> out;
    for (const std::string& line : lines) {
        std::string clean = TRY(clean_text(field, line, kMaxLine));
        if (!clean.empty())
            out.push_back(clean);
    }
    if (out.size() > max_lines) {
        return Error::invalid(field, "At most " + std::to_string(max_lines) + " entries, please.");
    }
    return out;
}

}  // namespace

Result<CopingCard> validate(const CopingCard& card) {
    CopingCard out;
    if (card.contacts.size() > kMaxContacts)
        return Error::invalid("contacts", "At most 10 contacts, please.");
    for (const auto& c : card.contacts) {
        CopingContact clean;
        clean.name = TRY(clean_title("contacts", c.name, 100));
        clean.phone = TRY(clean_text("contacts", c.phone, 40));
        if (clean.phone.find('\n') != std::string::npos)
            return Error::invalid("contacts", "A phone number fits on one line.");
        clean.note = TRY(clean_text("contacts", c.note, kMaxLine));
        out.contacts.push_back(std::move(clean));
    }
    out.calming_steps = TRY(clean_lines("calming_steps", card.calming_steps, kMaxSteps));
    out.reasons = TRY(clean_lines("reasons", card.reasons, kMaxReasons));
    return out;
}

Result<CopingCard> CopingCardService::get(RequestContext& ctx, const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read, Owner::client(client_id)));
    CopingCard card;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string content, updated_at, practice_id;
        sql << "SELECT practice_id, content, updated_at FROM coping_cards WHERE client_id = :c",
            soci::into(practice_id), soci::into(content), soci::into(updated_at),
            soci::use(client_id);
        if (sql.got_data()) {
            card = from_stored(TRY(m_resources.vault().open(sql, practice_id, content)));
            card.updated_at = parse_rfc3339(updated_at);
        }
        return {};
    }));
    ResourceQuery active;
    active.status = "active";
    // This list is part of the same read; its own audit event names the resources list.
    for (Resource& r : TRY(m_resources.list(ctx, Owner::client(client_id), active))) {
        if (r.stabilising)
            card.stabilising_resources.push_back(std::move(r));
    }
    ctx.audit("coping_card.read", "client", client_id);
    return card;
}

Result<CopingCard> CopingCardService::put(RequestContext& ctx, const std::string& client_id,
                                          const CopingCard& input) {
    TRY(m_resources.authorize(ctx, policy::Action::coping_card_write, Owner::client(client_id)));
    CopingCard card = TRY(validate(input));
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string content =
            TRY(m_resources.vault().seal(sql, ctx.actor.practice_id, to_stored(card)));
        std::string now = to_rfc3339(now_ms());
        int exists = 0;
        sql << "SELECT COUNT(*) FROM coping_cards WHERE client_id = :c", soci::into(exists),
            soci::use(client_id);
        if (exists) {
            sql << "UPDATE coping_cards SET content = :t, updated_by = :b, updated_at = :u WHERE "
                   "client_id = :c",
                soci::use(content), soci::use(ctx.actor.user_id), soci::use(now),
                soci::use(client_id);
        } else {
            sql << "INSERT INTO coping_cards (client_id, practice_id, content, updated_by, "
                   "updated_at) VALUES (:c, :p, :t, :b, :u)",
                soci::use(client_id), soci::use(ctx.actor.practice_id), soci::use(content),
                soci::use(ctx.actor.user_id), soci::use(now);
        }
        return m_audit.append_in(sql, {ctx.event("coping_card.update", "client", client_id)});
    }));
    return get(ctx, client_id);
}

}  // namespace trove::resources
