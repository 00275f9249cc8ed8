#include "domain/resources/coping_card.hpp"

#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::resources {

namespace {

constexpr std::size_t kMaxContacts = 10;
constexpr std::size_t kMaxSteps = 20;
constexpr std::size_t kMaxReasons = 10;
constexpr std::size_t kMaxLine = 300;

}  // namespace

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

Result<std::vector<CopingContact>> clean_contacts(const std::string& field,
                                                  const std::vector<CopingContact>& contacts) {
    if (contacts.size() > kMaxContacts)
        return Error::invalid(field, "At most 10 people, please.");
    std::vector<CopingContact> out;
    for (const auto& c : contacts) {
        CopingContact clean;
        clean.name = TRY(clean_title(field, c.name, 100));
        clean.phone = TRY(clean_text(field, c.phone, 40));
        if (clean.phone.find('\n') != std::string::npos)
            return Error::invalid(field, "A phone number fits on one line.");
        clean.note = TRY(clean_text(field, c.note, kMaxLine));
        out.push_back(std::move(clean));
    }
    return out;
}

Result<CopingCard> validate(const CopingCard& card) {
    CopingCard out;
    out.contacts = TRY(clean_contacts("contacts", card.contacts));
    out.calming_steps = TRY(clean_lines("calming_steps", card.calming_steps, kMaxSteps));
    out.reasons = TRY(clean_lines("reasons", card.reasons, kMaxReasons));
    return out;
}

Result<std::optional<StoredCard>> stored_card_in(storage::Reader& reader,
                                                 const std::string& client_id) {
    std::optional<StoredCard> card;
    std::string updated_at;
    TRY(reader.each("SELECT practice_id, content, updated_at FROM coping_cards WHERE client_id = ?",
                    {client_id}, [&](const storage::Row& row) -> Result<void> {
                        card = StoredCard{row.text(0), row.text(1), 0};
                        updated_at = row.text(2);
                        return {};
                    }));
    if (card)
        card->updated_at =
            TRY(storage::stored_time(updated_at, "coping_cards", "updated_at", client_id));
    return card;
}

Result<void> store_card_in(storage::Tx& tx, const std::string& client_id,
                           const std::string& practice_id, const std::string& sealed_content,
                           const std::string& updated_by, TimeMs updated_at) {
    const std::string at = to_rfc3339(updated_at);
    if (TRY(tx.exists("SELECT 1 FROM coping_cards WHERE client_id = ?", {client_id}))) {
        TRY(
            tx.exec("UPDATE coping_cards SET content = ?, updated_by = ?, updated_at = ? WHERE "
                    "client_id = ?",
                    {sealed_content, updated_by, at, client_id}));
    } else {
        TRY(tx.exec(
            "INSERT INTO coping_cards (client_id, practice_id, content, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            {client_id, practice_id, sealed_content, updated_by, at}));
    }
    return {};
}

}  // namespace trove::resources
