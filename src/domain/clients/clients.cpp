#include "domain/clients/clients.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/ids.hpp"
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

struct ClientRow {
    std::string id, practice_id, display_name, contexts, status, created_at, updated_at;
    int birth_year = 0;
    soci::indicator birth_ind = soci::i_null;
    int has_portal = 0;
    std::string team;
    soci::indicator team_ind = soci::i_null;
};

// The care team comes back as one comma-separated column, so a page of clients is one query.
std::string client_columns(storage::Dialect dialect) {
    std::string team_ids = dialect == storage::Dialect::postgres ? "string_agg(t.user_id, ',')"
                                                                 : "group_concat(t.user_id, ',')";
    return "c.id, c.practice_id, c.display_name, c.birth_year, c.contexts, c.status, "
           "c.created_at, c.updated_at, CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.client_id "
           "= c.id) THEN 1 ELSE 0 END, (SELECT " +
           team_ids + " FROM care_team t WHERE t.client_id = c.id)";
}

void bind_row(soci::statement& st, ClientRow& row) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.practice_id));
    st.exchange(soci::into(row.display_name));
    st.exchange(soci::into(row.birth_year, row.birth_ind));
    st.exchange(soci::into(row.contexts));
    st.exchange(soci::into(row.status));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.has_portal));
    st.exchange(soci::into(row.team, row.team_ind));
}

Result<Client> to_client(const ClientRow& row) {
    Client c;
    c.id = row.id;
    c.practice_id = row.practice_id;
    c.display_name = row.display_name;
    if (row.birth_ind == soci::i_ok)
        c.birth_year = row.birth_year;
    c.contexts = split(row.contexts);
    auto status = parse_status(row.status);
    if (!status)
        return storage::undecodable("clients", "status", row.id);
    c.status = *status;
    c.has_portal_account = row.has_portal != 0;
    if (row.team_ind == soci::i_ok)
        c.therapist_ids = split(row.team);
    std::sort(c.therapist_ids.begin(), c.therapist_ids.end());
    c.created_at = TRY(storage::stored_time(row.created_at, "clients", "created_at", row.id));
    c.updated_at = TRY(storage::stored_time(row.updated_at, "clients", "updated_at", row.id));
    return c;
}

// Prepared statements kept per connection (storage::Connection::prepared). Each holder owns the
// variables its statement is bound to.
struct ClientByIdStatement {
    ClientRow row;
    std::string id;
    soci::statement st;
    ClientByIdStatement(soci::session& sql, const std::string& query) : st(sql) {
        bind_row(st, row);
        st.exchange(soci::use(id));
        st.alloc();
        st.prepare(query);
        st.define_and_bind();
    }
};

struct ClientFactsStatement {
    std::string practice_id, user_id, supervisor_id, client_id;
    int on_team = 0, supervises = 0, personal = 0;
    soci::statement st;
    explicit ClientFactsStatement(soci::session& sql)
        : st((sql.prepare
                  << "SELECT c.practice_id, "
                     "CASE WHEN EXISTS (SELECT 1 FROM care_team ct WHERE ct.client_id = "
                     "c.id AND ct.user_id = :u1) THEN 1 ELSE 0 END, "
                     "CASE WHEN EXISTS (SELECT 1 FROM care_team ct JOIN supervision s ON "
                     "s.therapist_id = ct.user_id WHERE ct.client_id = c.id AND "
                     "s.supervisor_id = :u2) THEN 1 ELSE 0 END, p.personal FROM clients c JOIN "
                     "practices p ON p.id = c.practice_id WHERE c.id = :id",
              soci::into(practice_id), soci::into(on_team), soci::into(supervises),
              soci::into(personal), soci::use(user_id), soci::use(supervisor_id),
              soci::use(client_id))) {}
};

struct ClientListStatement {
    ClientRow row;
    std::string practice_id, user_id, status, pattern, after_name, after_id;
    int no_status = 1, no_text = 1, no_cursor = 1, fetch = 51;
    soci::statement st;
    ClientListStatement(soci::session& sql, const std::string& query) : st(sql) {
        bind_row(st, row);
        st.exchange(soci::use(practice_id));
        st.exchange(soci::use(user_id));
        st.exchange(soci::use(no_status));
        st.exchange(soci::use(status));
        st.exchange(soci::use(no_text));
        st.exchange(soci::use(pattern));
        st.exchange(soci::use(no_cursor));
        st.exchange(soci::use(after_name));
        st.exchange(soci::use(after_id));
        st.exchange(soci::use(fetch));
        st.alloc();
        st.prepare(query);
        st.define_and_bind();
    }
};

}  // namespace

Result<void> check_therapists(soci::session& sql, const std::string& practice_id,
                              const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        std::string role;
        int active = 0;
        sql << "SELECT role, active FROM users WHERE id = :id AND practice_id = :p",
            soci::into(role), soci::into(active), soci::use(id), soci::use(practice_id);
        if (!sql.got_data() || role != "therapist" || active == 0) {
            return Error::invalid(
                "therapist_ids",
                "Every care team member must be an active therapist of this practice.");
        }
    }
    return {};
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
    TRY(m_db.with_connection([&](storage::Connection& conn) -> Result<void> {
        auto& q = conn.prepared<ClientFactsStatement>("clients.facts");
        q.user_id = actor.user_id;
        q.supervisor_id = actor.user_id;
        q.client_id = client_id;
        f.exists = q.st.execute(true);
        conn.finish(q.st);
        if (f.exists) {
            f.practice_id = q.practice_id;
            f.on_care_team = q.on_team != 0;
            f.supervises_care_team = q.supervises != 0;
            f.self_guided = q.personal != 0;
        }
        return {};
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
    TRY(m_db.with_connection([&](storage::Connection& conn) -> Result<void> {
        auto& q = conn.prepared<ClientByIdStatement>(
            "clients.by_id",
            "SELECT " + client_columns(m_db.dialect()) + " FROM clients c WHERE c.id = :id");
        q.id = client_id;
        std::optional<Result<Client>> decoded;
        if (q.st.execute(true))
            decoded = to_client(q.row);
        conn.finish(q.st);
        if (decoded)
            client = TRY(std::move(*decoded));
        return {};
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
    TRY(m_db.with_connection([&](storage::Connection& conn) -> Result<void> {
        const bool own = policy::client_list_scope(actor) == policy::ClientScope::own_caseload;
        auto build_query = [&] {
            const std::string order = name_order(m_db.dialect());
            std::string scope =
                "c.id IN (" +
                caseload_subquery(own ? policy::ClientScope::own_caseload
                                      : policy::ClientScope::supervisees_caseloads) +
                ")";
            return "SELECT " + client_columns(m_db.dialect()) + " FROM clients c WHERE " +
                   "c.practice_id = :p AND " + scope +
                   " AND (:no_status = 1 OR c.status = :status)"
                   " AND (:no_text = 1 OR LOWER(c.display_name) LIKE :pattern ESCAPE '\\')"
                   " AND (:no_cursor = 1 OR (" +
                   order +
                   ", c.id) > (:after_name, :after_id))"
                   " ORDER BY " +
                   order + ", c.id LIMIT :lim";
        };
        auto& q = conn.prepared<ClientListStatement>(
            own ? "clients.list.own" : "clients.list.supervised", build_query());
        q.practice_id = actor.practice_id;
        q.user_id = actor.user_id;
        q.no_status = query.status.empty() ? 1 : 0;
        q.status = query.status;
        q.no_text = query.text.empty() ? 1 : 0;
        q.pattern = like_pattern(query.text);
        q.no_cursor = has_cursor ? 0 : 1;
        q.after_name = after_name;
        q.after_id = after_id;
        q.fetch = limit + 1;
        q.st.execute(false);
        std::optional<Error> undecoded;
        while (q.st.fetch()) {
            auto decoded = to_client(q.row);
            if (!decoded.ok()) {
                undecoded = decoded.error();
                break;
            }
            page.items.push_back(std::move(decoded).value());
        }
        conn.finish(q.st);
        if (undecoded)
            return *undecoded;
        if (static_cast<int>(page.items.size()) > limit) {
            page.items.resize(static_cast<size_t>(limit));
            page.next_cursor = encode_cursor(page.items.back());
        }
        return {};
    }));
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        TRY(check_therapists(sql, ctx.actor.practice_id, team));
        std::string now = to_rfc3339(now_ms());
        std::string contexts = join(*fields.contexts);
        int year = fields.birth_year && *fields.birth_year ? **fields.birth_year : 0;
        soci::indicator year_ind =
            fields.birth_year && *fields.birth_year ? soci::i_ok : soci::i_null;
        sql << "INSERT INTO clients (id, practice_id, display_name, birth_year, contexts, status, "
               "created_by, created_at, updated_at) VALUES (:id, :p, :n, :y, :c, :s, :b, :t, :u)",
            soci::use(id), soci::use(ctx.actor.practice_id), soci::use(*fields.display_name),
            soci::use(year, year_ind), soci::use(contexts), soci::use(*fields.status),
            soci::use(ctx.actor.user_id), soci::use(now), soci::use(now);
        for (const std::string& therapist : team) {
            sql << "INSERT INTO care_team (practice_id, client_id, user_id) VALUES (:p, :c, :u)",
                soci::use(ctx.actor.practice_id), soci::use(id), soci::use(therapist);
        }
        return m_audit.append_in(sql, {ctx.event("client.create", "client", id)});
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms()), contexts = join(*fields.contexts);
        sql << "INSERT INTO clients (id, practice_id, display_name, birth_year, contexts, status, "
               "created_by, created_at, updated_at) VALUES (:id, :p, :n, NULL, :c, :s, 'system', "
               ":t, :u)",
            soci::use(id), soci::use(practice_id), soci::use(*fields.display_name),
            soci::use(contexts), soci::use(*fields.status), soci::use(now), soci::use(now);
        AuditEvent e = by;
        e.practice_id = practice_id;
        e.action = "client.create";
        e.object_type = "client";
        e.object_id = id;
        return m_audit.append_in(sql, {e});
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        if (fields.display_name) {
            sql << "UPDATE clients SET display_name = :n WHERE id = :id",
                soci::use(*fields.display_name), soci::use(client_id);
        }
        if (fields.birth_year) {
            int year = *fields.birth_year ? **fields.birth_year : 0;
            soci::indicator ind = *fields.birth_year ? soci::i_ok : soci::i_null;
            sql << "UPDATE clients SET birth_year = :y WHERE id = :id", soci::use(year, ind),
                soci::use(client_id);
        }
        if (fields.contexts) {
            std::string contexts = join(*fields.contexts);
            sql << "UPDATE clients SET contexts = :c WHERE id = :id", soci::use(contexts),
                soci::use(client_id);
        }
        if (fields.status) {
            sql << "UPDATE clients SET status = :s WHERE id = :id", soci::use(*fields.status),
                soci::use(client_id);
        }
        if (fields.therapist_ids) {
            TRY(check_therapists(sql, ctx.actor.practice_id, *fields.therapist_ids));
            sql << "DELETE FROM care_team WHERE client_id = :c", soci::use(client_id);
            for (const std::string& therapist : *fields.therapist_ids) {
                sql << "INSERT INTO care_team (practice_id, client_id, user_id) VALUES (:p, :c, "
                       ":u)",
                    soci::use(ctx.actor.practice_id), soci::use(client_id), soci::use(therapist);
            }
        }
        sql << "UPDATE clients SET updated_at = :t WHERE id = :id", soci::use(now),
            soci::use(client_id);
        return m_audit.append_in(sql, {ctx.event("client.update", "client", client_id)});
    }));
    return load(client_id);
}

std::string caseload_subquery(policy::ClientScope scope, const std::string& user_param) {
    switch (scope) {
        case policy::ClientScope::own_caseload:
            return "SELECT ct.client_id FROM care_team ct WHERE ct.user_id = " + user_param;
        case policy::ClientScope::supervisees_caseloads:
            return "SELECT ct.client_id FROM care_team ct JOIN supervision s ON s.therapist_id = "
                   "ct.user_id WHERE s.supervisor_id = " +
                   user_param;
        case policy::ClientScope::none:
            break;
    }
    return "";
}

Result<std::vector<std::string>> ClientService::caseload_in(soci::session& sql,
                                                            const std::string& user_id) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT client_id FROM care_team WHERE user_id = :u "
                                         "ORDER BY client_id",
                          soci::into(id), soci::use(user_id));
    st.execute(false);
    while (st.fetch())
        out.push_back(id);
    return out;
}

Result<void> ClientService::hand_over_in(soci::session& sql, const std::string& from,
                                         const std::string& to) {
    sql << "INSERT INTO care_team (practice_id, client_id, user_id) SELECT practice_id, "
           "client_id, :to FROM care_team WHERE user_id = :from AND client_id NOT IN (SELECT "
           "client_id FROM care_team WHERE user_id = :to2)",
        soci::use(to), soci::use(from), soci::use(to);
    sql << "DELETE FROM care_team WHERE user_id = :from", soci::use(from);
    return {};
}

}  // namespace trove::clients
