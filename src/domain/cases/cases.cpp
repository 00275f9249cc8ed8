#include "domain/cases/cases.hpp"

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "domain/accounts/accounts.hpp"
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

struct CaseRecord {
    std::string id;
    std::string practice_id;
    std::string kind;
    std::string name;
    std::string created_by;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

const storage::Table<CaseRecord>& cases_table() {
    static const storage::Table<CaseRecord> table{
        "cases",
        {storage::column("id", &CaseRecord::id),
         storage::column("practice_id", &CaseRecord::practice_id),
         storage::column("kind", &CaseRecord::kind), storage::column("name", &CaseRecord::name),
         storage::column("created_by", &CaseRecord::created_by),
         storage::time_column("created_at", &CaseRecord::created_at),
         storage::time_column("updated_at", &CaseRecord::updated_at)}};
    return table;
}

// A row of case_members (other_id: the client) or of case_team (other_id: the therapist).
struct CaseLink {
    std::string practice_id;
    std::string case_id;
    std::string other_id;
};

const storage::Table<CaseLink>& members_table() {
    static const storage::Table<CaseLink> table{
        "case_members",
        {storage::column("practice_id", &CaseLink::practice_id),
         storage::column("case_id", &CaseLink::case_id),
         storage::column("client_id", &CaseLink::other_id)}};
    return table;
}

const storage::Table<CaseLink>& team_table() {
    static const storage::Table<CaseLink> table{
        "case_team",
        {storage::column("practice_id", &CaseLink::practice_id),
         storage::column("case_id", &CaseLink::case_id),
         storage::column("user_id", &CaseLink::other_id)}};
    return table;
}

std::vector<std::string> split_ids(const std::optional<std::string>& joined) {
    std::vector<std::string> out;
    if (!joined || joined->empty())
        return out;
    size_t start = 0;
    while (true) {
        size_t end = joined->find(',', start);
        out.push_back(joined->substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A case row followed by its members and its team, each as one comma-separated column, so a list
// of cases is one query.
std::string case_select(storage::Dialect dialect) {
    auto agg = [&](const std::string& column) {
        return dialect == storage::Dialect::postgres ? "string_agg(" + column + ", ',')"
                                                     : "group_concat(" + column + ", ',')";
    };
    return "SELECT " + cases_table().select_list("c") + ", (SELECT " + agg("m.client_id") +
           " FROM case_members m WHERE m.case_id = c.id), (SELECT " + agg("t.user_id") +
           " FROM case_team t WHERE t.case_id = c.id) FROM cases c ";
}

Result<std::vector<Case>> select_cases(storage::Reader& reader, const std::string& rest,
                                       const storage::Params& params) {
    std::vector<Case> out;
    TRY(reader.each(case_select(reader.dialect()) + rest, params,
                    [&](const storage::Row& row) -> Result<void> {
                        CaseRecord rec = TRY(cases_table().decode(row));
                        const int extra = cases_table().width();
                        Case c;
                        c.id = std::move(rec.id);
                        c.practice_id = std::move(rec.practice_id);
                        c.kind = std::move(rec.kind);
                        c.name = std::move(rec.name);
                        c.member_ids = split_ids(row.optional_text(extra));
                        c.therapist_ids = split_ids(row.optional_text(extra + 1));
                        c.created_at = rec.created_at;
                        c.updated_at = rec.updated_at;
                        out.push_back(std::move(c));
                        return {};
                    }));
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
Result<void> check_members(storage::Reader& reader, const Actor& actor,
                           const std::vector<std::string>& members) {
    if (!TRY(clients::on_caseload(reader, actor.practice_id, actor.user_id, members)))
        return Error::invalid("member_ids", "Every member must be a client on your own caseload.");
    return {};
}

Result<void> replace_links(storage::Tx& tx, const storage::Table<CaseLink>& table,
                           const std::string& practice_id, const std::string& case_id,
                           const std::vector<std::string>& ids) {
    TRY(tx.exec("DELETE FROM " + table.name() + " WHERE case_id = ?", {case_id}));
    for (const std::string& id : ids)
        TRY(table.insert(tx, CaseLink{practice_id, case_id, id}));
    return {};
}

}  // namespace

Result<policy::ClientFacts> CaseService::facts(const Actor& actor, const std::string& case_id) {
    policy::ClientFacts f;
    if (!looks_like_id(case_id))
        return f;
    // Supervision belongs to accounts, which gives the subquery.
    static const std::string sql =
        "SELECT c.practice_id, "
        "CASE WHEN EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = ?) "
        "THEN 1 ELSE 0 END, "
        "CASE WHEN EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id IN (" +
        accounts::supervisees_subquery() +
        ")) THEN 1 ELSE 0 END, "
        "CASE WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND "
        "m.client_id = ?) THEN 1 ELSE 0 END FROM cases c WHERE c.id = ?";
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        return r.each(sql, {actor.user_id, actor.user_id, actor.client_id, case_id},
                      [&](const storage::Row& row) -> Result<void> {
                          f.exists = true;
                          f.practice_id = row.text(0);
                          f.on_care_team = row.integer(1).value_or(0) != 0;
                          f.supervises_care_team = row.integer(2).value_or(0) != 0;
                          f.actor_is_member =
                              row.integer(3).value_or(0) != 0 && actor.role == Role::client;
                          return {};
                      });
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
    std::vector<Case> found;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        found = TRY(select_cases(r, "WHERE c.id = ?", {case_id}));
        return {};
    }));
    if (found.empty())
        return Error::not_found("case");
    return std::move(found.front());
}

Result<std::vector<Case>> CaseService::list(RequestContext& ctx) {
    const Actor& actor = ctx.actor;
    std::string scope;
    std::string who = actor.user_id;
    switch (actor.role) {
        case Role::therapist:
            scope = "c.id IN (SELECT t.case_id FROM case_team t WHERE t.user_id = ?)";
            break;
        case Role::supervisor:
            scope = "c.id IN (SELECT t.case_id FROM case_team t WHERE t.user_id IN (" +
                    accounts::supervisees_subquery() + "))";
            break;
        case Role::client:
            scope = "c.id IN (SELECT m.case_id FROM case_members m WHERE m.client_id = ?)";
            who = actor.client_id;
            break;
        case Role::admin:
            ctx.audit("case.list", "case", "", Outcome::denied);
            return Error::forbidden("Administrators do not see clinical records.");
    }
    std::vector<Case> out;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        out = TRY(select_cases(r, "WHERE c.practice_id = ? AND " + scope + " ORDER BY c.name, c.id",
                               {actor.practice_id, who}));
        return {};
    }));
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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(check_members(tx, ctx.actor, *fields.member_ids));
        TRY(clients::check_therapists(tx, ctx.actor.practice_id, team));
        const TimeMs now = now_ms();
        TRY(cases_table().insert(tx, CaseRecord{id, ctx.actor.practice_id, *fields.kind,
                                                *fields.name, ctx.actor.user_id, now, now}));
        TRY(replace_links(tx, members_table(), ctx.actor.practice_id, id, *fields.member_ids));
        TRY(replace_links(tx, team_table(), ctx.actor.practice_id, id, team));
        return m_audit.append_in(tx, {ctx.event("case.create", "case", id)});
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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        if (fields.name)
            TRY(tx.exec("UPDATE cases SET name = ? WHERE id = ?", {*fields.name, case_id}));
        if (fields.member_ids) {
            TRY(check_members(tx, ctx.actor, *fields.member_ids));
            TRY(replace_links(tx, members_table(), ctx.actor.practice_id, case_id,
                              *fields.member_ids));
        }
        if (fields.therapist_ids) {
            TRY(clients::check_therapists(tx, ctx.actor.practice_id, *fields.therapist_ids));
            TRY(replace_links(tx, team_table(), ctx.actor.practice_id, case_id,
                              *fields.therapist_ids));
        }
        TRY(tx.exec("UPDATE cases SET updated_at = ? WHERE id = ?",
                    {to_rfc3339(now_ms()), case_id}));
        return m_audit.append_in(tx, {ctx.event("case.update", "case", case_id)});
    }));
    return load(case_id);
}

Result<std::vector<std::string>> CaseService::cases_of_in(storage::Reader& reader,
                                                          const std::string& user_id) {
    return reader.texts("SELECT case_id FROM case_team WHERE user_id = ? ORDER BY case_id",
                        {user_id});
}

Result<void> CaseService::hand_over_in(storage::Tx& tx, const std::string& from,
                                       const std::string& to) {
    TRY(
        tx.exec("INSERT INTO case_team (practice_id, case_id, user_id) SELECT practice_id, "
                "case_id, ? FROM case_team WHERE user_id = ? AND case_id NOT IN (SELECT case_id "
                "FROM case_team WHERE user_id = ?)",
                {to, from, to}));
    TRY(tx.exec("DELETE FROM case_team WHERE user_id = ?", {from}));
    return {};
}

Result<std::vector<std::string>> members_in(storage::Reader& reader, const std::string& case_id) {
    return reader.texts("SELECT client_id FROM case_members WHERE case_id = ? ORDER BY client_id",
                        {case_id});
}

Result<std::vector<std::string>> cases_of_member_in(storage::Reader& reader,
                                                    const std::string& client_id) {
    return reader.texts("SELECT case_id FROM case_members WHERE client_id = ? ORDER BY case_id",
                        {client_id});
}

Result<bool> is_member_in(storage::Reader& reader, const std::string& case_id,
                          const std::string& client_id) {
    return reader.exists("SELECT 1 FROM case_members WHERE case_id = ? AND client_id = ?",
                         {case_id, client_id});
}

std::string member_cases_subquery(const std::string& client_param) {
    return "SELECT m.case_id FROM case_members m WHERE m.client_id = " + client_param;
}

std::string team_cases_subquery(policy::ClientScope scope, const std::string& user_param) {
    switch (scope) {
        case policy::ClientScope::own_caseload:
            return "SELECT ct.case_id FROM case_team ct WHERE ct.user_id = " + user_param;
        case policy::ClientScope::supervisees_caseloads:
            return "SELECT ct.case_id FROM case_team ct WHERE ct.user_id IN (" +
                   accounts::supervisees_subquery(user_param) + ")";
        case policy::ClientScope::none:
            break;
    }
    return "";
}

}  // namespace trove::cases
