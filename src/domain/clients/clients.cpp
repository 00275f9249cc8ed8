#include "domain/clients/clients.hpp"

#include <algorithm>
#include <set>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/accounts.hpp"
#include "storage/table.hpp"

namespace trove::clients {

namespace {

constexpr size_t kMaxDisplayName = 200;
constexpr int kMinBirthYear = 1900;

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty())
            out += ',';
        out += p;
    }
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// The order the caseload is shown in must be the same on both databases; PostgreSQL would otherwise
// sort by the server's locale, and cursors would skip or repeat rows.
std::string name_order(storage::Dialect dialect) {
    return dialect == storage::Dialect::postgres ? "c.display_name COLLATE \"C\""
                                                 : "c.display_name";
}

std::string encode_cursor(const Client& last) {
    return crypto::base64url_encode(last.display_name + '\x1f' + last.id);
}

Result<std::pair<std::string, std::string>> decode_cursor(const std::string& cursor) {
    std::string raw;
    size_t sep = std::string::npos;
    if (!crypto::base64url_decode(cursor, raw) || (sep = raw.rfind('\x1f')) == std::string::npos ||
        !looks_like_id(std::string_view(raw).substr(sep + 1))) {
        return Error::invalid("cursor", "The cursor is not one Trove handed out.");
    }
    return std::make_pair(raw.substr(0, sep), raw.substr(sep + 1));
}

std::string like_pattern(const std::string& text) {
    std::string lower;
    for (char c : text) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == '%' || l == '_' || l == '\\')
            lower += '\\';
        lower += l;
    }
    return "%" + lower + "%";
}

Error denial_error(policy::Decision d) {
    return d == policy::Decision::not_found
               ? Error::not_found("client")
               : Error::forbidden("You may not do that with this client's record.");
}

struct ClientRecord {
    std::string id;
    std::string practice_id;
    std::string display_name;
    std::optional<int> birth_year;
    std::vector<std::string> contexts;
    Status status = Status::active;
    std::string created_by;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

const storage::Table<ClientRecord>& clients_table() {
    static const storage::Table<ClientRecord> table{
        "clients",
        {storage::column("id", &ClientRecord::id),
         storage::column("practice_id", &ClientRecord::practice_id),
         storage::column("display_name", &ClientRecord::display_name),
         storage::column("birth_year", &ClientRecord::birth_year),
         storage::custom_column<ClientRecord>(
             "contexts", [](const ClientRecord& r) { return storage::Param(join(r.contexts)); },
             [](const storage::Row& row, int index, ClientRecord& r) {
                 r.contexts = split(row.text(index));
                 return true;
             }),
         storage::custom_column<ClientRecord>(
             "status", [](const ClientRecord& r) { return storage::Param(to_string(r.status)); },
             [](const storage::Row& row, int index, ClientRecord& r) {
                 auto status = parse_status(row.text(index));
                 if (!status)
                     return false;
                 r.status = *status;
                 return true;
             }),
         storage::column("created_by", &ClientRecord::created_by),
         storage::time_column("created_at", &ClientRecord::created_at),
         storage::time_column("updated_at", &ClientRecord::updated_at)}};
    return table;
}

struct CareTeamRecord {
    std::string practice_id;
    std::string client_id;
    std::string user_id;
};

const storage::Table<CareTeamRecord>& care_team_table() {
    static const storage::Table<CareTeamRecord> table{
        "care_team",
        {storage::column("practice_id", &CareTeamRecord::practice_id),
         storage::column("client_id", &CareTeamRecord::client_id),
         storage::column("user_id", &CareTeamRecord::user_id)}};
    return table;
}

// A client row and, after its columns, whether a portal login exists and the care team as one
// comma-separated column, so a page of clients is one query.
std::string client_select(storage::Dialect dialect) {
    std::string team_ids = dialect == storage::Dialect::postgres ? "string_agg(t.user_id, ',')"
                                                                 : "group_concat(t.user_id, ',')";
    return "SELECT " + clients_table().select_list("c") + ", " +
           accounts::has_portal_login_sql("c.id") + ", (SELECT " + team_ids +
           " FROM care_team t WHERE t.client_id = c.id) FROM clients c ";
}

Result<Client> decode_client(const storage::Row& row) {
    ClientRecord rec = TRY(clients_table().decode(row));
    const int extra = clients_table().width();
    Client c;
    c.id = std::move(rec.id);
    c.practice_id = std::move(rec.practice_id);
    c.display_name = std::move(rec.display_name);
    c.birth_year = rec.birth_year;
    c.contexts = std::move(rec.contexts);
    c.status = rec.status;
    c.has_portal_account = row.integer(extra).value_or(0) != 0;
    if (auto team = row.optional_text(extra + 1))
        c.therapist_ids = split(*team);
    std::sort(c.therapist_ids.begin(), c.therapist_ids.end());
    c.created_at = rec.created_at;
    c.updated_at = rec.updated_at;
    return c;
}

// The list's statement: one text per dialect and scope, so each is compiled once per connection.
std::string build_list_sql(storage::Dialect dialect, bool own) {
    const std::string order = name_order(dialect);
    const std::string scope = "c.id IN (" +
                              caseload_subquery(own ? policy::ClientScope::own_caseload
                                                    : policy::ClientScope::supervisees_caseloads,
                                                "?") +
                              ")";
    return client_select(dialect) + "WHERE c.practice_id = ? AND " + scope +
           " AND (? = 1 OR c.status = ?)"
           " AND (? = 1 OR LOWER(c.display_name) LIKE ? ESCAPE '\\')"
           " AND (? = 1 OR (" +
           order + ", c.id) > (?, ?)) ORDER BY " + order + ", c.id LIMIT ?";
}

const std::string& list_sql(storage::Dialect dialect, bool own) {
    using storage::Dialect;
    static const std::string sql[2][2] = {
        {build_list_sql(Dialect::sqlite, false), build_list_sql(Dialect::sqlite, true)},
        {build_list_sql(Dialect::postgres, false), build_list_sql(Dialect::postgres, true)}};
    return sql[dialect == Dialect::postgres ? 1 : 0][own ? 1 : 0];
}

const std::string& by_id_sql(storage::Dialect dialect) {
    using storage::Dialect;
    static const std::string sql[2] = {client_select(Dialect::sqlite) + "WHERE c.id = ?",
                                       client_select(Dialect::postgres) + "WHERE c.id = ?"};
    return sql[dialect == Dialect::postgres ? 1 : 0];
}

Result<void> insert_team(storage::Tx& tx, const std::string& practice_id,
                         const std::string& client_id, const std::vector<std::string>& team) {
    for (const std::string& therapist : team)
        TRY(care_team_table().insert(tx, CareTeamRecord{practice_id, client_id, therapist}));
    return {};
}

}  // namespace

Result<void> check_therapists(storage::Reader& reader, const std::string& practice_id,
                              const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        if (!TRY(accounts::is_active_therapist_in(reader, practice_id, id))) {
            return Error::invalid(
                "therapist_ids",
                "Every care team member must be an active therapist of this practice.");
        }
    }
    return {};
}

Result<bool> on_caseload(storage::Reader& reader, const std::string& practice_id,
                         const std::string& user_id, const std::vector<std::string>& client_ids) {
    std::set<std::string> unique(client_ids.begin(), client_ids.end());
    if (unique.empty())
        return true;
    storage::Params params{practice_id, user_id};
    params.insert(params.end(), unique.begin(), unique.end());
    std::int64_t found = TRY(
        reader.count("SELECT COUNT(*) FROM clients c JOIN care_team t ON t.client_id = c.id WHERE "
                     "c.practice_id = ? AND t.user_id = ? AND c.id IN (" +
                         storage::placeholders(unique.size()) + ")",
                     params));
    return found == static_cast<std::int64_t>(unique.size());
}

const std::vector<std::string>& known_contexts() {
    static const std::vector<std::string> contexts = {"individual", "youth",  "trauma",
                                                      "couple",     "family", "group"};
    return contexts;
}

std::string_view to_string(Status status) {
    switch (status) {
        case Status::active:
            return "active";
        case Status::paused:
            return "paused";
        case Status::closed:
            return "closed";
    }
    return "active";
}

std::optional<Status> parse_status(std::string_view text) {
    if (text == "active")
        return Status::active;
    if (text == "paused")
        return Status::paused;
    if (text == "closed")
        return Status::closed;
    return std::nullopt;
}

Result<ClientFields> validate(const ClientFields& input, bool creating) {
    ClientFields out = input;
    if (creating && !input.display_name) {
        return Error::invalid("display_name", "Enter a name for the client (a pseudonym is fine).");
    }
    if (input.display_name) {
        std::string name = *input.display_name;
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name.empty()) {
            return Error::invalid("display_name",
                                  "Enter a name for the client (a pseudonym is fine).");
        }
        bool has_control = std::any_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (name.size() > kMaxDisplayName || has_control) {
            return Error::invalid("display_name",
                                  "The name can have at most 200 characters on one line.");
        }
        out.display_name = name;
    }
    if (input.birth_year && *input.birth_year) {
        int year = **input.birth_year;
        if (year < kMinBirthYear || year > current_year()) {
            return Error::invalid("birth_year", "Enter a birth year between 1900 and " +
                                                    std::to_string(current_year()) + ".");
        }
    }
    if (input.contexts) {
        std::vector<std::string> unique;
        for (const std::string& c : *input.contexts) {
            const auto& known = known_contexts();
            if (std::find(known.begin(), known.end(), c) == known.end()) {
                return Error::invalid("contexts",
                                      "Contexts must be among individual, youth, "
                                      "trauma, couple, family and group.");
            }
            if (std::find(unique.begin(), unique.end(), c) == unique.end())
                unique.push_back(c);
        }
        if (unique.empty())
            return Error::invalid("contexts", "Choose at least one context.");
        // Keep the canonical order so equal sets compare and display the same way.
        std::vector<std::string> ordered;
        for (const std::string& k : known_contexts()) {
            if (std::find(unique.begin(), unique.end(), k) != unique.end())
                ordered.push_back(k);
        }
        out.contexts = ordered;
    } else if (creating) {
        out.contexts = std::vector<std::string>{"individual"};
    }
    if (input.status) {
        if (!parse_status(*input.status)) {
            return Error::invalid("status", "Status must be active, paused or closed.");
        }
    } else if (creating) {
        out.status = "active";
    }
    if (input.therapist_ids) {
        std::set<std::string> unique(input.therapist_ids->begin(), input.therapist_ids->end());
        if (unique.empty()) {
            return Error::invalid("therapist_ids", "A client needs at least one therapist.");
        }
        out.therapist_ids = std::vector<std::string>(unique.begin(), unique.end());
    }
    return out;
}

Result<policy::ClientFacts> ClientService::facts(const Actor& actor, const std::string& client_id) {
    policy::ClientFacts f;
    if (!looks_like_id(client_id))
        return f;
    // One query: supervision and the practice's mode are asked of the accounts store as
    // subqueries.
    static const std::string sql =
        "SELECT c.practice_id, "
        "CASE WHEN EXISTS (SELECT 1 FROM care_team ct WHERE ct.client_id = c.id AND "
        "ct.user_id = ?) THEN 1 ELSE 0 END, "
        "CASE WHEN EXISTS (SELECT 1 FROM care_team ct WHERE ct.client_id = c.id AND ct.user_id "
        "IN (" +
        accounts::supervisees_subquery("?") + ")) THEN 1 ELSE 0 END, " +
        accounts::practice_personal_sql("c.practice_id") + " FROM clients c WHERE c.id = ?";
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        return r.each(sql, {actor.user_id, actor.user_id, client_id},
                      [&](const storage::Row& row) -> Result<void> {
                          f.exists = true;
                          f.practice_id = row.text(0);
                          f.on_care_team = row.integer(1).value_or(0) != 0;
                          f.supervises_care_team = row.integer(2).value_or(0) != 0;
                          f.self_guided = row.integer(3).value_or(0) != 0;
                          return {};
                      });
    }));
    return f;
}

Result<void> ClientService::authorize(RequestContext& ctx, policy::Action action,
                                      const std::string& client_id) {
    policy::ClientFacts f = TRY(facts(ctx.actor, client_id));
    policy::Decision d = policy::decide(ctx.actor, action, client_id, f);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), "client", client_id, Outcome::denied);
        return denial_error(d);
    }
    return {};
}

Result<Client> ClientService::load(const std::string& client_id) {
    std::optional<Client> client;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        return r.each(by_id_sql(r.dialect()), {client_id},
                      [&](const storage::Row& row) -> Result<void> {
                          client = TRY(decode_client(row));
                          return {};
                      });
    }));
    if (!client)
        return Error::not_found("client");
    return *client;
}

Result<ClientPage> ClientService::list(RequestContext& ctx, const ClientQuery& query) {
    const Actor& actor = ctx.actor;
    if (policy::decide(actor, policy::Action::client_list) != policy::Decision::allow) {
        ctx.audit("client.list", "client", "", Outcome::denied);
        return Error::forbidden("Your role has no caseload.");
    }
    if (!query.status.empty() && !parse_status(query.status)) {
        return Error::invalid("status", "Status must be active, paused or closed.");
    }
    if (query.text.size() > kMaxDisplayName) {
        return Error::invalid("q", "The search text is too long.");
    }
    std::string after_name, after_id;
    bool has_cursor = !query.cursor.empty();
    if (has_cursor)
        std::tie(after_name, after_id) = TRY(decode_cursor(query.cursor));
    const int limit = std::clamp(query.limit, 1, 200);

    ClientPage page;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        const bool own = policy::client_list_scope(actor) == policy::ClientScope::own_caseload;
        const storage::Params params{
            actor.practice_id, actor.user_id,      query.status.empty(),
            query.status,      query.text.empty(), like_pattern(query.text),
            !has_cursor,       after_name,         after_id,
            limit + 1};
        return r.each(list_sql(r.dialect(), own), params,
                      [&](const storage::Row& row) -> Result<void> {
                          page.items.push_back(TRY(decode_client(row)));
                          return {};
                      });
    }));
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = encode_cursor(page.items.back());
    }
    // One event per page: a list shows names and status only, and one event per row would make
    // the audit trail grow with the caseload on every refresh.
    ctx.audit("client.list", "client", "");
    return page;
}

Result<Client> ClientService::create(RequestContext& ctx, const ClientFields& input) {
    if (policy::decide(ctx.actor, policy::Action::client_create) != policy::Decision::allow) {
        ctx.audit("client.create", "client", "", Outcome::denied);
        return Error::forbidden("Only therapists can add clients.");
    }
    ClientFields fields = TRY(validate(input, true));
    std::vector<std::string> team = fields.therapist_ids.value_or(std::vector<std::string>{});
    // The therapist who adds a client is always on the care team.
    if (std::find(team.begin(), team.end(), ctx.actor.user_id) == team.end()) {
        team.push_back(ctx.actor.user_id);
    }
    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(check_therapists(tx, ctx.actor.practice_id, team));
        const TimeMs now = now_ms();
        ClientRecord rec{id,
                         ctx.actor.practice_id,
                         *fields.display_name,
                         fields.birth_year.value_or(std::nullopt),
                         *fields.contexts,
                         *parse_status(*fields.status),
                         ctx.actor.user_id,
                         now,
                         now};
        TRY(clients_table().insert(tx, rec));
        TRY(insert_team(tx, ctx.actor.practice_id, id, team));
        return m_audit.append_in(tx, {ctx.event("client.create", "client", id)});
    }));
    return load(id);
}

Result<Client> ClientService::create_self_guided(const std::string& practice_id,
                                                 const std::string& display_name,
                                                 const AuditEvent& by) {
    ClientFields input;
    input.display_name = display_name;
    input.contexts = std::vector<std::string>{"individual"};
    input.status = "active";
    ClientFields fields = TRY(validate(input, true));
    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const TimeMs now = now_ms();
        // Made by Trove itself: no therapist created it, and it has no care team.
        ClientRecord rec{id,
                         practice_id,
                         *fields.display_name,
                         std::nullopt,
                         *fields.contexts,
                         *parse_status(*fields.status),
                         "system",
                         now,
                         now};
        TRY(clients_table().insert(tx, rec));
        AuditEvent e = by;
        e.practice_id = practice_id;
        e.action = "client.create";
        e.object_type = "client";
        e.object_id = id;
        return m_audit.append_in(tx, {e});
    }));
    return load(id);
}

Result<Client> ClientService::get(RequestContext& ctx, const std::string& client_id) {
    TRY(authorize(ctx, policy::Action::client_read, client_id));
    Client client = TRY(load(client_id));
    ctx.audit("client.read", "client", client_id);
    return client;
}

Result<Client> ClientService::update(RequestContext& ctx, const std::string& client_id,
                                     const ClientFields& input) {
    TRY(authorize(ctx, policy::Action::client_update, client_id));
    ClientFields fields = TRY(validate(input, false));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        if (fields.display_name) {
            TRY(tx.exec("UPDATE clients SET display_name = ? WHERE id = ?",
                        {*fields.display_name, client_id}));
        }
        if (fields.birth_year) {
            TRY(tx.exec("UPDATE clients SET birth_year = ? WHERE id = ?",
                        {*fields.birth_year, client_id}));
        }
        if (fields.contexts) {
            TRY(tx.exec("UPDATE clients SET contexts = ? WHERE id = ?",
                        {join(*fields.contexts), client_id}));
        }
        if (fields.status) {
            TRY(tx.exec("UPDATE clients SET status = ? WHERE id = ?", {*fields.status, client_id}));
        }
        if (fields.therapist_ids) {
            TRY(check_therapists(tx, ctx.actor.practice_id, *fields.therapist_ids));
            TRY(tx.exec("DELETE FROM care_team WHERE client_id = ?", {client_id}));
            TRY(insert_team(tx, ctx.actor.practice_id, client_id, *fields.therapist_ids));
        }
        TRY(tx.exec("UPDATE clients SET updated_at = ? WHERE id = ?",
                    {to_rfc3339(now_ms()), client_id}));
        return m_audit.append_in(tx, {ctx.event("client.update", "client", client_id)});
    }));
    return load(client_id);
}

std::string caseload_subquery(policy::ClientScope scope, const std::string& user_param) {
    switch (scope) {
        case policy::ClientScope::own_caseload:
            return "SELECT ct.client_id FROM care_team ct WHERE ct.user_id = " + user_param;
        case policy::ClientScope::supervisees_caseloads:
            return "SELECT ct.client_id FROM care_team ct WHERE ct.user_id IN (" +
                   accounts::supervisees_subquery(user_param) + ")";
        case policy::ClientScope::none:
            break;
    }
    return "";
}

Result<bool> client_in_practice_in(storage::Reader& reader, const std::string& practice_id,
                                   const std::string& client_id) {
    return reader.exists("SELECT 1 FROM clients WHERE id = ? AND practice_id = ?",
                         {client_id, practice_id});
}

Result<std::optional<bool>> milestones_in(storage::Reader& reader, const std::string& client_id) {
    std::optional<bool> enabled;
    TRY(reader.each("SELECT milestones FROM client_preferences WHERE client_id = ?", {client_id},
                    [&](const storage::Row& row) -> Result<void> {
                        auto value = row.integer(0);
                        if (!value)
                            return storage::undecodable("client_preferences", "milestones",
                                                        client_id);
                        enabled = *value != 0;
                        return {};
                    }));
    return enabled;
}

Result<void> set_milestones_in(storage::Tx& tx, const std::string& practice_id,
                               const std::string& client_id, bool enabled) {
    TRY(tx.exec("DELETE FROM client_preferences WHERE client_id = ?", {client_id}));
    TRY(tx.exec(
        "INSERT INTO client_preferences (client_id, practice_id, milestones) VALUES (?, ?, ?)",
        {client_id, practice_id, enabled}));
    return {};
}

Result<std::vector<std::string>> ClientService::caseload_in(storage::Reader& reader,
                                                            const std::string& user_id) {
    return reader.texts("SELECT client_id FROM care_team WHERE user_id = ? ORDER BY client_id",
                        {user_id});
}

Result<void> ClientService::hand_over_in(storage::Tx& tx, const std::string& from,
                                         const std::string& to) {
    TRY(
        tx.exec("INSERT INTO care_team (practice_id, client_id, user_id) SELECT practice_id, "
                "client_id, ? FROM care_team WHERE user_id = ? AND client_id NOT IN (SELECT "
                "client_id FROM care_team WHERE user_id = ?)",
                {to, from, to}));
    TRY(tx.exec("DELETE FROM care_team WHERE user_id = ?", {from}));
    return {};
}

}  // namespace trove::clients
