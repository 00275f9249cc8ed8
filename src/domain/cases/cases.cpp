#include "domain/cases/cases.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "domain/clients/clients.hpp"
#include "storage/table.hpp"

namespace trove::cases {

namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxMembers = 50;

bool is_kind(const std::string& kind) {
    return kind == "couple" || kind == "family" || kind == "group";
}

Error denial_error(policy::Decision d) {
    return d == policy::Decision::not_found
               ? Error::not_found("case")
               : Error::forbidden("You may not do that with this case.");
}

std::vector<std::string> column(soci::session& sql, const std::string& query,
                                const std::string& id) {
    std::vector<std::string> out;
    std::string value;
    soci::statement st = (sql.prepare << query, soci::into(value), soci::use(id));
    st.execute(false);
    while (st.fetch())
        out.push_back(value);
    std::sort(out.begin(), out.end());
    return out;
}

Result<CaseFields> validate(const CaseFields& input, bool creating) {
    CaseFields out = input;
    if (creating && !input.kind)
        return Error::invalid("kind", "Choose whether this is a couple, a family or a group.");
    if (input.kind && !is_kind(*input.kind))
        return Error::invalid("kind", "A case is a couple, a family or a group.");
    if (creating && !input.name)
        return Error::invalid("name", "Give the case a name.");
    if (input.name) {
        std::string name = *input.name;
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        bool has_control = std::any_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (name.empty() || name.size() > kMaxName || has_control)
            return Error::invalid("name", "The name needs 1 to 200 characters on one line.");
        out.name = name;
    }
    if (creating && !input.member_ids)
        return Error::invalid("member_ids", "Choose the clients who belong to this case.");
    if (input.member_ids) {
        std::set<std::string> unique(input.member_ids->begin(), input.member_ids->end());
        if (unique.size() < 2 || unique.size() > kMaxMembers)
            return Error::invalid("member_ids", "A case has between 2 and 50 members.");
        out.member_ids = std::vector<std::string>(unique.begin(), unique.end());
    }
    if (input.therapist_ids) {
        std::set<std::string> unique(input.therapist_ids->begin(), input.therapist_ids->end());
        if (unique.empty())
            return Error::invalid("therapist_ids", "A case needs at least one therapist.");
        out.therapist_ids = std::vector<std::string>(unique.begin(), unique.end());
    }
    return out;
}

// Members must be clients the acting therapist treats: nobody builds a case around someone else's
// client.
Result<void> check_members(soci::session& sql, const Actor& actor,
                           const std::vector<std::string>& members) {
    for (const std::string& id : members) {
        int n = 0;
        sql << "SELECT COUNT(*) FROM clients c JOIN care_team t ON t.client_id = c.id WHERE c.id = "
               ":id AND c.practice_id = :p AND t.user_id = :u",
            soci::into(n), soci::use(id), soci::use(actor.practice_id), soci::use(actor.user_id);
        if (n == 0) {
            return Error::invalid("member_ids",
                                  "Every member must be a client on your own caseload.");
        }
    }
    return {};
}

void replace_links(soci::session& sql, const std::string& table, const std::string& column_name,
                   const std::string& practice_id, const std::string& case_id,
                   const std::vector<std::string>& ids) {
    sql << "DELETE FROM " + table + " WHERE case_id = :c", soci::use(case_id);
    for (const std::string& id : ids) {
        sql << "INSERT INTO " + table + " (practice_id, case_id, " + column_name +
                   ") VALUES (:p, :c, :x)",
            soci::use(practice_id), soci::use(case_id), soci::use(id);
    }
}

}  // namespace

Result<policy::ClientFacts> CaseService::facts(const Actor& actor, const std::string& case_id) {
    policy::ClientFacts f;
    if (!looks_like_id(case_id))
        return f;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string practice_id;
        int on_team = 0, supervises = 0, member = 0;
        sql << "SELECT c.practice_id, "
               "CASE WHEN EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = "
               ":u1) THEN 1 ELSE 0 END, "
               "CASE WHEN EXISTS (SELECT 1 FROM case_team t JOIN supervision s ON s.therapist_id = "
               "t.user_id WHERE t.case_id = c.id AND s.supervisor_id = :u2) THEN 1 ELSE 0 END, "
               "CASE WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND "
               "m.client_id = :cl) THEN 1 ELSE 0 END FROM cases c WHERE c.id = :id",
            soci::into(practice_id), soci::into(on_team), soci::into(supervises),
            soci::into(member), soci::use(actor.user_id), soci::use(actor.user_id),
            soci::use(actor.client_id), soci::use(case_id);
        f.exists = sql.got_data();
        if (f.exists) {
            f.practice_id = practice_id;
            f.on_care_team = on_team != 0;
            f.supervises_care_team = supervises != 0;
            f.actor_is_member = member != 0 && actor.role == Role::client;
        }
        return {};
    }));
    return f;
}

Result<void> CaseService::authorize(RequestContext& ctx, policy::Action action,
                                    const std::string& case_id) {
    policy::ClientFacts f = TRY(facts(ctx.actor, case_id));
    policy::Decision d = policy::decide(ctx.actor, action, "", f);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), "case", case_id, Outcome::denied);
        return denial_error(d);
    }
    return {};
}

Result<Case> CaseService::load(const std::string& case_id) {
    std::optional<Case> found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        Case c;
        std::string created_at, updated_at;
        sql << "SELECT id, practice_id, kind, name, created_at, updated_at FROM cases WHERE id = "
               ":id",
            soci::into(c.id), soci::into(c.practice_id), soci::into(c.kind), soci::into(c.name),
            soci::into(created_at), soci::into(updated_at), soci::use(case_id);
        if (!sql.got_data())
            return {};
        c.created_at = TRY(storage::stored_time(created_at, "cases", "created_at", c.id));
        c.updated_at = TRY(storage::stored_time(updated_at, "cases", "updated_at", c.id));
        c.member_ids =
            column(sql, "SELECT client_id FROM case_members WHERE case_id = :c", case_id);
        c.therapist_ids = column(sql, "SELECT user_id FROM case_team WHERE case_id = :c", case_id);
        found = std::move(c);
        return {};
    }));
    if (!found)
        return Error::not_found("case");
    return *found;
}

Result<std::vector<Case>> CaseService::list(RequestContext& ctx) {
    const Actor& actor = ctx.actor;
    std::string scope;
    std::string who = actor.user_id;
    switch (actor.role) {
        case Role::therapist:
            scope = "c.id IN (SELECT t.case_id FROM case_team t WHERE t.user_id = :w)";
            break;
        case Role::supervisor:
            scope =
                "c.id IN (SELECT t.case_id FROM case_team t JOIN supervision s ON "
                "s.therapist_id = t.user_id WHERE s.supervisor_id = :w)";
            break;
        case Role::client:
            scope = "c.id IN (SELECT m.case_id FROM case_members m WHERE m.client_id = :w)";
            who = actor.client_id;
            break;
        case Role::admin:
            ctx.audit("case.list", "case", "", Outcome::denied);
            return Error::forbidden("Administrators do not see clinical records.");
    }
    std::vector<std::string> ids;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id;
        soci::statement st =
            (sql.prepare << "SELECT c.id FROM cases c WHERE c.practice_id = :p AND " + scope +
                                " ORDER BY c.name, c.id",
             soci::into(id), soci::use(actor.practice_id), soci::use(who));
        st.execute(false);
        while (st.fetch())
            ids.push_back(id);
        return {};
    }));
    std::vector<Case> out;
    for (const std::string& id : ids)
        out.push_back(TRY(load(id)));
    ctx.audit("case.list", "case", "");
    return out;
}

Result<Case> CaseService::create(RequestContext& ctx, const CaseFields& input) {
    if (policy::decide(ctx.actor, policy::Action::case_create) != policy::Decision::allow) {
        ctx.audit("case.create", "case", "", Outcome::denied);
        return Error::forbidden("Only therapists can open a case.");
    }
    CaseFields fields = TRY(validate(input, true));
    if (*fields.kind == "couple" && fields.member_ids->size() != 2)
        return Error::invalid("member_ids", "A couple's case has exactly two members.");
    std::vector<std::string> team = fields.therapist_ids.value_or(std::vector<std::string>{});
    if (std::find(team.begin(), team.end(), ctx.actor.user_id) == team.end())
        team.push_back(ctx.actor.user_id);
    const std::string id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        TRY(check_members(sql, ctx.actor, *fields.member_ids));
        TRY(clients::check_therapists(sql, ctx.actor.practice_id, team));
        std::string now = to_rfc3339(now_ms());
        sql << "INSERT INTO cases (id, practice_id, kind, name, created_by, created_at, "
               "updated_at) VALUES (:id, :p, :k, :n, :b, :t, :u)",
            soci::use(id), soci::use(ctx.actor.practice_id), soci::use(*fields.kind),
            soci::use(*fields.name), soci::use(ctx.actor.user_id), soci::use(now), soci::use(now);
        replace_links(sql, "case_members", "client_id", ctx.actor.practice_id, id,
                      *fields.member_ids);
        replace_links(sql, "case_team", "user_id", ctx.actor.practice_id, id, team);
        return m_audit.append_in(sql, {ctx.event("case.create", "case", id)});
    }));
    return load(id);
}

Result<Case> CaseService::get(RequestContext& ctx, const std::string& case_id) {
    TRY(authorize(ctx, policy::Action::case_read, case_id));
    Case c = TRY(load(case_id));
    ctx.audit("case.read", "case", case_id);
    return c;
}

Result<Case> CaseService::update(RequestContext& ctx, const std::string& case_id,
                                 const CaseFields& input) {
    TRY(authorize(ctx, policy::Action::case_update, case_id));
    if (input.kind)
        return Error::invalid("kind", "A case's kind cannot change; open a new case instead.");
    CaseFields fields = TRY(validate(input, false));
    Case current = TRY(load(case_id));
    if (current.kind == "couple" && fields.member_ids && fields.member_ids->size() != 2)
        return Error::invalid("member_ids", "A couple's case has exactly two members.");
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        if (fields.name) {
            sql << "UPDATE cases SET name = :n WHERE id = :id", soci::use(*fields.name),
                soci::use(case_id);
        }
        if (fields.member_ids) {
            TRY(check_members(sql, ctx.actor, *fields.member_ids));
            replace_links(sql, "case_members", "client_id", ctx.actor.practice_id, case_id,
                          *fields.member_ids);
        }
        if (fields.therapist_ids) {
            TRY(clients::check_therapists(sql, ctx.actor.practice_id, *fields.therapist_ids));
            replace_links(sql, "case_team", "user_id", ctx.actor.practice_id, case_id,
                          *fields.therapist_ids);
        }
        sql << "UPDATE cases SET updated_at = :t WHERE id = :id", soci::use(now),
            soci::use(case_id);
        return m_audit.append_in(sql, {ctx.event("case.update", "case", case_id)});
    }));
    return load(case_id);
}

Result<std::vector<std::string>> CaseService::cases_of_in(soci::session& sql,
                                                          const std::string& user_id) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st =
        (sql.prepare << "SELECT case_id FROM case_team WHERE user_id = :u ORDER BY case_id",
         soci::into(id), soci::use(user_id));
    st.execute(false);
    while (st.fetch())
        out.push_back(id);
    return out;
}

Result<void> CaseService::hand_over_in(soci::session& sql, const std::string& from,
                                       const std::string& to) {
    sql << "INSERT INTO case_team (practice_id, case_id, user_id) SELECT practice_id, case_id, "
           ":to FROM case_team WHERE user_id = :from AND case_id NOT IN (SELECT case_id FROM "
           "case_team WHERE user_id = :to2)",
        soci::use(to), soci::use(from), soci::use(to);
    sql << "DELETE FROM case_team WHERE user_id = :from", soci::use(from);
    return {};
}

}  // namespace trove::cases
