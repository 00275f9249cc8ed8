#include "domain/sessions/sessions.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/ids.hpp"
#include "domain/journal/schedule.hpp"
#include "domain/resources/text.hpp"

namespace trove::sessions {

namespace {

using nlohmann::json;

constexpr int kMinDuration = 5;
constexpr int kMaxDuration = 600;
constexpr std::size_t kMaxFieldText = 20000;
constexpr std::size_t kMaxScales = 20;
constexpr std::size_t kMaxScaleLabel = 200;
constexpr std::size_t kMaxLinks = 50;
constexpr std::size_t kMaxAttendanceRows = 100;
constexpr int kDefaultLimit = 200;
constexpr int kMaxLimit = 500;
// Ids are looked up in chunks so that no statement binds more values than SQLite allows.
constexpr std::size_t kChunk = 100;

bool is_modality(const std::string& s) {
    return s == "in_person" || s == "video" || s == "phone";
}
bool is_session_status(const std::string& s) {
    return s == "scheduled" || s == "attended" || s == "cancelled" || s == "no_show";
}
bool is_attendance_status(const std::string& s) {
    return s == "attended" || s == "absent" || s == "unknown";
}

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found ? Error::not_found(what)
                                            : Error::forbidden("You may not do that here.");
}

std::string placeholders(std::size_t n, const char* prefix) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i)
            out += ", ";
        out += ":" + std::string(prefix) + std::to_string(i);
    }
    return out;
}

std::optional<TimeMs> parse_time_column(const std::string& text, soci::indicator ind) {
    if (ind != soci::i_ok)
        return std::nullopt;
    return parse_rfc3339(text);
}

Result<int> parse_limit(const std::string& text) {
    if (text.empty())
        return kDefaultLimit;
    if (text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    int n = std::stoi(text);
    if (n < 1 || n > kMaxLimit)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    return n;
}

// The same key, echoed only when it is short printable ASCII (it came from the request).
std::string field_path(const std::string& key) {
    bool printable =
        !key.empty() && key.size() <= 64 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    return printable ? "fields." + key : "fields";
}

//! Note text: at most 20000 characters, no control characters but line breaks and tabs. Kept as
//! written (an editor that saves as the person types must get back what it sent); CRLF becomes LF.
Result<std::string> clean_note_text(const std::string& field, const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto u = static_cast<unsigned char>(text[i]);
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        if ((u < 0x20 && text[i] != '\n' && text[i] != '\t') || u == 0x7f)
            return Error::invalid(field, "The text contains control characters.");
        out += text[i];
    }
    if (resources::count_code_points(out) > kMaxFieldText)
        return Error::invalid(field, "A field can have at most 20000 characters.");
    return out;
}

const std::vector<std::string>& risk_levels() {
    static const std::vector<std::string> all = {"none", "low", "moderate", "high"};
    return all;
}

json empty_risk() {
    return {{"to_self", nullptr}, {"to_others", nullptr}, {"plan", ""}};
}

//! The risk group as sent: replaces the stored one whole (a level absent or null is unassessed).
Result<json> parse_risk(const json& input) {
    if (!input.is_object()) {
        return Error::invalid("fields.risk",
                              "Risk is {\"to_self\", \"to_others\": none, low, moderate or high, "
                              "\"plan\": text}.");
    }
    json out = empty_risk();
    for (const auto& [key, value] : input.items()) {
        if (key == "to_self" || key == "to_others") {
            if (value.is_null())
                continue;
            const auto& levels = risk_levels();
            if (!value.is_string() ||
                std::find(levels.begin(), levels.end(), value.get<std::string>()) == levels.end())
                return Error::invalid("fields.risk." + key,
                                      "Choose none, low, moderate or high (or leave it open).");
            out[key] = value;
        } else if (key == "plan") {
            if (!value.is_string())
                return Error::invalid("fields.risk.plan", "The plan is a text.");
            out["plan"] = TRY(clean_note_text("fields.risk.plan", value.get<std::string>()));
        } else {
            return Error::invalid("fields.risk." + key,
                                  "The risk group has to_self, to_others and plan.");
        }
    }
    return out;
}

//! Merges the given fields into `stored` (an object of the template's fields). An empty text
//! clears a field.
Result<void> apply_fields(const std::string& template_name, const json& input, json& stored) {
    if (!input.is_object()) {
        return Error::invalid("fields",
                              "The fields are an object of texts, e.g. {\"coping\": \"...\"}.");
    }
    const auto& names = template_fields(template_name);
    for (const auto& [key, value] : input.items()) {
        if (key == "risk") {
            stored["risk"] = TRY(parse_risk(value));
            continue;
        }
        if (std::find(names.begin(), names.end(), key) == names.end()) {
            return Error::invalid(field_path(key),
                                  "The " + template_name + " template has no such field.");
        }
        if (!value.is_string())
            return Error::invalid("fields." + key, "Each field is a text.");
        std::string text = TRY(clean_note_text("fields." + key, value.get<std::string>()));
        if (text.empty())
            stored.erase(key);
        else
            stored[key] = std::move(text);
    }
    return {};
}

Result<std::vector<Scale>> parse_scales(const json& input) {
    const char* shape = "The scales are a list of {\"label\": text, \"value\": 0 to 10}.";
    if (!input.is_array())
        return Error::invalid("scales", shape);
    if (input.size() > kMaxScales)
        return Error::invalid("scales", "A note can have at most 20 scales.");
    std::vector<Scale> out;
    for (const json& item : input) {
        if (!item.is_object() || item.size() != 2 || !item.contains("label") ||
            !item.contains("value") || !item["label"].is_string() ||
            !item["value"].is_number_integer()) {
            return Error::invalid("scales", shape);
        }
        const json& value = item["value"];
        if ((value.is_number_unsigned() && value.get<unsigned long long>() > 10) ||
            value.get<long long>() < 0 || value.get<long long>() > 10) {
            return Error::invalid("scales", "A scale's value lies between 0 and 10.");
        }
        Scale s;
        s.label =
            TRY(resources::clean_title("scales", item["label"].get<std::string>(), kMaxScaleLabel));
        s.value = static_cast<int>(value.get<long long>());
        out.push_back(std::move(s));
    }
    return out;
}

json scales_json(const std::vector<Scale>& scales) {
    json out = json::array();
    for (const Scale& s : scales)
        out.push_back({{"label", s.label}, {"value", s.value}});
    return out;
}

Result<std::vector<std::string>> clean_ids(const char* field, const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
        if (!looks_like_id(id))
            return Error::invalid(field, "That is not an id Trove handed out.");
        if (std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    }
    if (out.size() > kMaxLinks)
        return Error::invalid(field, "A note links at most 50 of these.");
    return out;
}

std::vector<std::string> parse_id_list(const std::string& text) {
    std::vector<std::string> out;
    json j = json::parse(text, nullptr, false);
    if (j.is_array()) {
        for (const json& x : j) {
            if (x.is_string())
                out.push_back(x.get<std::string>());
        }
    }
    return out;
}

}  // namespace

// --- pure parts ------------------------------------------------------------------------------

const std::vector<std::string>& template_fields(std::string_view template_name) {
    static const std::vector<std::string> resource = {
        "exceptions",    "coping",   "scaling",   "resources_observed",
        "interventions", "homework", "next_steps"};
    static const std::vector<std::string> soap = {"subjective", "objective", "assessment", "plan"};
    static const std::vector<std::string> dap = {"data", "assessment", "plan"};
    static const std::vector<std::string> none;
    if (template_name == "resource")
        return resource;
    if (template_name == "soap")
        return soap;
    if (template_name == "dap")
        return dap;
    return none;
}

std::optional<TimeMs> parse_appointment_time(std::string_view s) {
    auto digits = [&s](std::size_t pos, std::size_t n) -> int {
        if (pos + n > s.size())
            return -1;
        int v = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    // YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|+HH:MM|-HH:MM)
    if (s.size() < 17 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':') {
        return std::nullopt;
    }
    int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    int hour = digits(11, 2), minute = digits(14, 2), second = 0;
    std::size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        second = digits(pos + 1, 2);
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t start = ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 9)
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
    }
    if (pos >= s.size())
        return std::nullopt;
    int offset_min = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
        if (pos + 3 >= s.size() || s[pos + 3] != ':' || oh < 0 || oh > 23 || om < 0 || om > 59)
            return std::nullopt;
        offset_min = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size() || year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year{year},
                                    std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok())
        return std::nullopt;
    long long days = std::chrono::sys_days(ymd).time_since_epoch().count();
    long long seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60LL;
    return static_cast<TimeMs>(seconds * 1000);
}

std::string format_appointment_time(TimeMs t) {
    return to_rfc3339(t - ((t % 1000) + 1000) % 1000).substr(0, 19) + "Z";
}

// --- rows ------------------------------------------------------------------------------------

namespace {

struct Row {
    std::string id, practice_id, client_id, case_id, therapist_id, starts_at, modality, status,
        created_at, updated_at;
    int duration_min = 0;
    soci::indicator client_ind = soci::i_null, case_ind = soci::i_null;

    static constexpr const char* kColumns =
        "a.id, a.practice_id, a.client_id, a.case_id, a.therapist_id, a.starts_at, "
        "a.duration_min, a.modality, a.status, a.created_at, a.updated_at";

    void bind(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(practice_id));
        st.exchange(soci::into(client_id, client_ind));
        st.exchange(soci::into(case_id, case_ind));
        st.exchange(soci::into(therapist_id));
        st.exchange(soci::into(starts_at));
        st.exchange(soci::into(duration_min));
        st.exchange(soci::into(modality));
        st.exchange(soci::into(status));
        st.exchange(soci::into(created_at));
        st.exchange(soci::into(updated_at));
    }

    Session to_session() const {
        Session s;
        s.id = id;
        s.practice_id = practice_id;
        if (client_ind == soci::i_ok)
            s.client_id = client_id;
        if (case_ind == soci::i_ok)
            s.case_id = case_id;
        s.therapist_id = therapist_id;
        s.starts_at = parse_rfc3339(starts_at).value_or(0);
        s.duration_min = duration_min;
        s.modality = modality;
        s.status = status;
        s.created_at = parse_rfc3339(created_at).value_or(0);
        s.updated_at = parse_rfc3339(updated_at).value_or(0);
        return s;
    }
};

struct NoteRow {
    std::string id, practice_id, session_id, client_id, case_id, template_name, fields, scales,
        resource_ids, assignment_ids, status, author_id, signed_at, signed_by, cosigned_at,
        cosigned_by, created_at, updated_at;
    soci::indicator client_ind = soci::i_null, case_ind = soci::i_null,
                    signed_at_ind = soci::i_null, signed_by_ind = soci::i_null,
                    cosigned_at_ind = soci::i_null, cosigned_by_ind = soci::i_null;

    static constexpr const char* kColumns =
        "n.id, n.practice_id, n.appointment_id, a.client_id, a.case_id, n.template, n.fields, "
        "n.scales, n.resource_ids, n.assignment_ids, n.status, n.author_id, n.signed_at, "
        "n.signed_by, n.cosigned_at, n.cosigned_by, n.created_at, n.updated_at";

    void bind(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(practice_id));
        st.exchange(soci::into(session_id));
        st.exchange(soci::into(client_id, client_ind));
        st.exchange(soci::into(case_id, case_ind));
        st.exchange(soci::into(template_name));
        st.exchange(soci::into(fields));
        st.exchange(soci::into(scales));
        st.exchange(soci::into(resource_ids));
        st.exchange(soci::into(assignment_ids));
        st.exchange(soci::into(status));
        st.exchange(soci::into(author_id));
        st.exchange(soci::into(signed_at, signed_at_ind));
        st.exchange(soci::into(signed_by, signed_by_ind));
        st.exchange(soci::into(cosigned_at, cosigned_at_ind));
        st.exchange(soci::into(cosigned_by, cosigned_by_ind));
        st.exchange(soci::into(created_at));
        st.exchange(soci::into(updated_at));
    }
};

//! Runs `SELECT <columns> ... <rest>` with one string bound per placeholder, collecting rows.
template <class RowT, class Out>
void select_rows(soci::session& sql, const std::string& query,
                 const std::vector<std::string>& params, Out&& each) {
    RowT row;
    soci::statement st(sql);
    row.bind(st);
    for (const std::string& p : params)
        st.exchange(soci::use(p));
    st.alloc();
    st.prepare(query);
    st.define_and_bind();
    st.execute();
    while (st.fetch())
        each(row);
}

//! The note as stored, its sealed parts opened.
Result<Note> open_note(soci::session& sql, vault::Vault& vault, const NoteRow& r) {
    Note n;
    n.id = r.id;
    n.practice_id = r.practice_id;
    n.session_id = r.session_id;
    if (r.client_ind == soci::i_ok)
        n.client_id = r.client_id;
    if (r.case_ind == soci::i_ok)
        n.case_id = r.case_id;
    n.template_name = r.template_name;
    json stored = json::parse(TRY(vault.open(sql, r.practice_id, std::string_view(r.fields))),
                              nullptr, false);
    if (!stored.is_object())
        return Error::internal_error("note " + r.id + ": stored fields are not an object");
    n.fields = json::object();
    for (const std::string& name : template_fields(r.template_name))
        n.fields[name] = stored.contains(name) && stored[name].is_string() ? stored[name] : "";
    n.fields["risk"] = stored.contains("risk") && stored["risk"].is_object()
                           ? TRY(parse_risk(stored["risk"]))
                           : empty_risk();
    json scales = json::parse(TRY(vault.open(sql, r.practice_id, std::string_view(r.scales))),
                              nullptr, false);
    if (!scales.is_array())
        return Error::internal_error("note " + r.id + ": stored scales are not a list");
    for (const json& s : scales) {
        if (s.is_object() && s.contains("label") && s["label"].is_string() && s.contains("value") &&
            s["value"].is_number_integer()) {
            n.scales.push_back({s["label"].get<std::string>(), s["value"].get<int>()});
        }
    }
    n.resource_ids = parse_id_list(r.resource_ids);
    n.assignment_ids = parse_id_list(r.assignment_ids);
    n.status = r.status;
    n.author_id = r.author_id;
    n.signed_at = parse_time_column(r.signed_at, r.signed_at_ind);
    if (r.signed_by_ind == soci::i_ok)
        n.signed_by = r.signed_by;
    n.cosigned_at = parse_time_column(r.cosigned_at, r.cosigned_at_ind);
    if (r.cosigned_by_ind == soci::i_ok)
        n.cosigned_by = r.cosigned_by;
    n.created_at = parse_rfc3339(r.created_at).value_or(0);
    n.updated_at = parse_rfc3339(r.updated_at).value_or(0);

    Addendum a;
    std::string body, created_at;
    soci::statement st =
        (sql.prepare << "SELECT id, body, author_id, created_at FROM note_addenda WHERE note_id = "
                        ":n ORDER BY created_at, id",
         soci::into(a.id), soci::into(body), soci::into(a.author_id), soci::into(created_at),
         soci::use(r.id));
    st.execute();
    std::vector<std::pair<Addendum, std::string>> sealed;
    while (st.fetch()) {
        a.created_at = parse_rfc3339(created_at).value_or(0);
        sealed.emplace_back(a, body);
    }
    for (auto& [addendum, text] : sealed) {
        addendum.text = TRY(vault.open(sql, r.practice_id, std::string_view(text)));
        n.addenda.push_back(std::move(addendum));
    }
    return n;
}

}  // namespace

// --- access ----------------------------------------------------------------------------------

Result<policy::ClientFacts> SessionService::facts(const Actor& actor, const Owner& owner) {
    if (owner.case_id)
        return m_cases.facts(actor, *owner.case_id);
    return m_clients.facts(actor, owner.client_id.value_or(""));
}

Result<policy::ClientFacts> SessionService::authorize(RequestContext& ctx, policy::Action action,
                                                      const Owner& owner, const char* object_type,
                                                      const std::string& object_id,
                                                      const policy::ClientFacts* note_facts) {
    policy::ClientFacts f = TRY(facts(ctx.actor, owner));
    if (note_facts) {
        f.is_author = note_facts->is_author;
        f.supervises_author = note_facts->supervises_author;
    }
    // A case is decided as a whole (membership stands in for "self"); a client by their id.
    policy::Decision d = policy::decide(ctx.actor, action, owner.client_id.value_or(""), f);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), object_type, object_id, Outcome::denied);
        return denial_error(d, std::string_view(object_type) == "note" ? "note" : "session");
    }
    return f;
}

Result<bool> SessionService::supervises(const std::string& supervisor_id,
                                        const std::string& therapist_id) {
    int n = 0;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        sql << "SELECT COUNT(*) FROM supervision WHERE supervisor_id = :s AND therapist_id = :t",
            soci::into(n), soci::use(supervisor_id), soci::use(therapist_id);
        return {};
    }));
    return n > 0;
}

// --- sessions --------------------------------------------------------------------------------

Result<std::optional<Session>> SessionService::load(const std::string& session_id) {
    std::optional<Session> found;
    if (!looks_like_id(session_id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        select_rows<Row>(
            sql, std::string("SELECT ") + Row::kColumns + " FROM appointments a WHERE a.id = :id",
            {session_id}, [&](const Row& r) { found = r.to_session(); });
        return {};
    }));
    return found;
}

Result<std::vector<journal::CalendarEvent>> SessionService::calendar_events(
    const std::string& client_id, TimeMs now) {
    std::vector<Session> sessions;
    const std::string from = format_appointment_time(now - 30LL * 24 * 3600 * 1000);
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        select_rows<Row>(sql,
                         std::string("SELECT ") + Row::kColumns +
                             " FROM appointments a WHERE (a.client_id = :c OR a.case_id IN "
                             "(SELECT case_id FROM case_members WHERE client_id = :c2)) AND "
                             "a.status <> 'cancelled' AND a.starts_at >= :f ORDER BY "
                             "a.starts_at, a.id LIMIT 500",
                         {client_id, client_id, from},
                         [&](const Row& r) { sessions.push_back(r.to_session()); });
        return {};
    }));
    std::vector<journal::CalendarEvent> events;
    for (const Session& s : sessions) {
        journal::CalendarEvent ev;
        ev.uid = "session-" + s.id + "@trove";
        ev.summary = s.modality == "video"   ? "Appointment (video call)"
                     : s.modality == "phone" ? "Appointment (phone call)"
                                             : "Appointment";
        ev.description = "Your appointment, as planned in Trove.";
        ev.start = s.starts_at;
        ev.end = s.starts_at + static_cast<TimeMs>(s.duration_min) * 60 * 1000;
        events.push_back(std::move(ev));
    }
    return events;
}

Result<Session> SessionService::locate(RequestContext& ctx, policy::Action action,
                                       const std::string& session_id) {
    auto found = TRY(load(session_id));
    if (!found || found->practice_id != ctx.actor.practice_id) {
        ctx.audit(policy::audit_name(action), "session", session_id, Outcome::denied);
        return Error::not_found("session");
    }
    TRY(authorize(ctx, action, Owner{found->client_id, found->case_id}, "session", session_id));
    return *found;
}

Result<std::vector<Session>> SessionService::complete(std::vector<Session> sessions,
                                                      const Actor& actor) {
    if (sessions.empty())
        return sessions;
    // What a client sees of a session: its time and their own attendance, never a note - unless
    // they are their own therapist (personal mode).
    bool show_notes = actor.role != Role::client;
    if (!show_notes)
        show_notes = TRY(m_clients.facts(actor, actor.client_id)).self_guided;
    std::map<std::string, Session*> by_id;
    for (Session& s : sessions)
        by_id[s.id] = &s;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        for (std::size_t start = 0; start < sessions.size(); start += kChunk) {
            std::vector<std::string> ids;
            for (std::size_t i = start; i < std::min(sessions.size(), start + kChunk); ++i)
                ids.push_back(sessions[i].id);
            struct AttendanceRow {
                std::string session_id, client_id, status;
                void bind(soci::statement& st) {
                    st.exchange(soci::into(session_id));
                    st.exchange(soci::into(client_id));
                    st.exchange(soci::into(status));
                }
            };
            select_rows<AttendanceRow>(
                sql,
                "SELECT appointment_id, client_id, status FROM appointment_attendance WHERE "
                "appointment_id IN (" +
                    placeholders(ids.size(), "i") + ") ORDER BY appointment_id, client_id",
                ids, [&](const AttendanceRow& r) {
                    if (actor.role == Role::client && r.client_id != actor.client_id)
                        return;
                    by_id[r.session_id]->attendance.push_back({r.client_id, r.status});
                });
            if (!show_notes)
                continue;
            struct SummaryRow {
                std::string session_id;
                NoteSummary n;
                void bind(soci::statement& st) {
                    st.exchange(soci::into(session_id));
                    st.exchange(soci::into(n.id));
                    st.exchange(soci::into(n.template_name));
                    st.exchange(soci::into(n.status));
                    st.exchange(soci::into(n.author_id));
                }
            };
            select_rows<SummaryRow>(
                sql,
                "SELECT appointment_id, id, template, status, author_id FROM "
                "notes WHERE appointment_id IN (" +
                    placeholders(ids.size(), "i") + ") ORDER BY created_at, id",
                ids, [&](const SummaryRow& r) { by_id[r.session_id]->notes.push_back(r.n); });
        }
        return {};
    }));
    return sessions;
}

Result<std::vector<Session>> SessionService::list(RequestContext& ctx, const SessionQuery& query) {
    const Actor& actor = ctx.actor;
    if (!query.client_id.empty() && !query.case_id.empty())
        return Error::invalid("case_id", "Filter by a client or by a case, not both.");
    std::optional<journal::Date> from, to;
    if (!query.from.empty() && !(from = journal::parse_date(query.from)))
        return Error::invalid("from", "The date must look like 2026-12-01.");
    if (!query.to.empty() && !(to = journal::parse_date(query.to)))
        return Error::invalid("to", "The date must look like 2026-12-01.");
    int limit = TRY(parse_limit(query.limit));

    std::string where = "a.practice_id = :p";
    std::vector<std::string> params = {actor.practice_id};
    std::string audit_type = "practice", audit_id = actor.practice_id;
    if (!query.client_id.empty() || !query.case_id.empty()) {
        Owner owner;
        if (!query.client_id.empty())
            owner.client_id = query.client_id;
        else
            owner.case_id = query.case_id;
        audit_type = owner.case_id ? "case" : "client";
        audit_id = owner.case_id ? *owner.case_id : *owner.client_id;
        TRY(authorize(ctx, policy::Action::session_read, owner, audit_type.c_str(), audit_id));
        where += owner.case_id ? " AND a.case_id = :o" : " AND a.client_id = :o";
        params.push_back(audit_id);
    } else {
        if (policy::decide(actor, policy::Action::session_list) != policy::Decision::allow) {
            ctx.audit("session.list", "practice", actor.practice_id, Outcome::denied);
            return Error::forbidden("Administrators do not see clinical records.");
        }
        switch (actor.role) {
            case Role::therapist:
                where +=
                    " AND (a.client_id IN (SELECT t.client_id FROM care_team t WHERE t.user_id = "
                    ":u1) OR a.case_id IN (SELECT ct.case_id FROM case_team ct WHERE ct.user_id = "
                    ":u2))";
                params.insert(params.end(), {actor.user_id, actor.user_id});
                break;
            case Role::supervisor:
                where +=
                    " AND (a.client_id IN (SELECT t.client_id FROM care_team t JOIN supervision s "
                    "ON s.therapist_id = t.user_id WHERE s.supervisor_id = :u1) OR a.case_id IN "
                    "(SELECT ct.case_id FROM case_team ct JOIN supervision s2 ON s2.therapist_id "
                    "= ct.user_id WHERE s2.supervisor_id = :u2))";
                params.insert(params.end(), {actor.user_id, actor.user_id});
                break;
            case Role::client:
                where +=
                    " AND (a.client_id = :u1 OR a.case_id IN (SELECT m.case_id FROM case_members "
                    "m WHERE m.client_id = :u2))";
                params.insert(params.end(), {actor.client_id, actor.client_id});
                break;
            case Role::admin:
                return Error::forbidden("Administrators do not see clinical records.");
        }
    }
    if (from) {
        where += " AND a.starts_at >= :f";
        params.push_back(journal::format_date(*from) + "T00:00:00Z");
    }
    if (to) {
        where += " AND a.starts_at < :t";
        params.push_back(journal::format_date(*to) + "T00:00:00Z");
    }
    std::vector<Session> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        select_rows<Row>(sql,
                         std::string("SELECT ") + Row::kColumns + " FROM appointments a WHERE " +
                             where + " ORDER BY a.starts_at, a.id LIMIT " + std::to_string(limit),
                         params, [&](const Row& r) { out.push_back(r.to_session()); });
        return {};
    }));
    out = TRY(complete(std::move(out), actor));
    ctx.audit("session.list", audit_type, audit_id);
    return out;
}

Result<Session> SessionService::get(RequestContext& ctx, const std::string& session_id) {
    Session s = TRY(locate(ctx, policy::Action::session_read, session_id));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    ctx.audit("session.read", "session", session_id);
    return std::move(one.front());
}

Result<Session> SessionService::create(RequestContext& ctx, const SessionInput& in) {
    if (in.client_id.has_value() == in.case_id.has_value())
        return Error::invalid("client_id", "Give either a client_id or a case_id.");
    Owner owner{in.client_id, in.case_id};
    const std::string& owner_id = in.client_id ? *in.client_id : *in.case_id;
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::session_write, owner,
                                              in.case_id ? "case" : "client", owner_id));
    if (in.attendance)
        return Error::invalid("attendance", "Attendance is recorded once the session exists.");
    Session s;
    s.id = new_id();
    s.practice_id = facts.practice_id;
    s.client_id = in.client_id;
    s.case_id = in.case_id;
    s.therapist_id = in.therapist_id.value_or(ctx.actor.user_id);
    if (!in.starts_at)
        return Error::invalid("starts_at", "Say when the session starts.");
    auto starts = parse_appointment_time(*in.starts_at);
    if (!starts) {
        return Error::invalid("starts_at",
                              "The start must look like 2026-12-01T09:00:00Z or "
                              "2026-12-01T10:00:00+01:00.");
    }
    s.starts_at = *starts;
    if (!in.duration_min)
        return Error::invalid("duration_min", "Say how long the session lasts, in minutes.");
    if (*in.duration_min < kMinDuration || *in.duration_min > kMaxDuration)
        return Error::invalid("duration_min", "A session lasts 5 to 600 minutes.");
    s.duration_min = *in.duration_min;
    s.modality = in.modality.value_or("in_person");
    if (!is_modality(s.modality))
        return Error::invalid("modality", "The modality is in_person, video or phone.");
    s.status = in.status.value_or("scheduled");
    if (!is_session_status(s.status)) {
        return Error::invalid("status", "The status is scheduled, attended, cancelled or no_show.");
    }
    s.created_at = s.updated_at = now_ms();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        // The therapist: one of the client's (or case's) therapists; in personal mode the person.
        int ok = 0;
        if (facts.self_guided && ctx.actor.role == Role::client) {
            ok = s.therapist_id == ctx.actor.user_id;
        } else if (looks_like_id(s.therapist_id)) {
            std::string team = s.case_id
                                   ? "SELECT t.user_id FROM case_team t WHERE t.case_id = :o"
                                   : "SELECT t.user_id FROM care_team t WHERE t.client_id = :o";
            sql << "SELECT COUNT(*) FROM users u WHERE u.id = :u AND u.practice_id = :p AND u.role "
                   "= 'therapist' AND u.active = 1 AND u.id IN (" +
                       team + ")",
                soci::into(ok), soci::use(s.therapist_id), soci::use(s.practice_id),
                soci::use(owner_id);
        }
        if (!ok) {
            return Error::invalid("therapist_id",
                                  s.case_id ? "The therapist must be on the case's team."
                                            : "The therapist must be on the client's care team.");
        }
        std::string starts = format_appointment_time(s.starts_at), now = to_rfc3339(s.created_at);
        std::string client = s.client_id.value_or(""), case_id = s.case_id.value_or("");
        soci::indicator client_ind = s.client_id ? soci::i_ok : soci::i_null;
        soci::indicator case_ind = s.case_id ? soci::i_ok : soci::i_null;
        sql << "INSERT INTO appointments (id, practice_id, client_id, case_id, therapist_id, "
               "starts_at, duration_min, modality, status, created_by, created_at, updated_at) "
               "VALUES (:id, :p, :c, :k, :t, :s, :d, :m, :st, :b, :ca, :u)",
            soci::use(s.id), soci::use(s.practice_id), soci::use(client, client_ind),
            soci::use(case_id, case_ind), soci::use(s.therapist_id), soci::use(starts),
            soci::use(s.duration_min), soci::use(s.modality), soci::use(s.status),
            soci::use(ctx.actor.user_id), soci::use(now), soci::use(now);
        if (s.case_id) {
            // Every member of the case as it is today, attendance not yet known.
            sql << "INSERT INTO appointment_attendance (practice_id, appointment_id, client_id, "
                   "status) SELECT :p, :a, m.client_id, 'unknown' FROM case_members m WHERE "
                   "m.case_id = :k",
                soci::use(s.practice_id), soci::use(s.id), soci::use(case_id);
        }
        return m_audit.append_in(sql, {ctx.event("session.create", "session", s.id)});
    }));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    return std::move(one.front());
}

Result<Session> SessionService::update(RequestContext& ctx, const std::string& session_id,
                                       const SessionInput& in) {
    Session s = TRY(locate(ctx, policy::Action::session_write, session_id));
    // What counted as attended before this change: questionnaires due "every N sessions" count
    // attended sessions, per client, and a correction must take one back.
    const std::string status_before = s.status;
    std::map<std::string, std::string> attendance_before;  // read in the transaction below
    if (in.client_id || in.case_id) {
        return Error::invalid(in.client_id ? "client_id" : "case_id",
                              "A session stays with its client or case; schedule a new one.");
    }
    if (in.therapist_id)
        return Error::invalid("therapist_id", "The therapist of a session cannot change.");
    if (in.starts_at) {
        auto starts = parse_appointment_time(*in.starts_at);
        if (!starts) {
            return Error::invalid("starts_at",
                                  "The start must look like 2026-12-01T09:00:00Z or "
                                  "2026-12-01T10:00:00+01:00.");
        }
        s.starts_at = *starts;
    }
    if (in.duration_min) {
        if (*in.duration_min < kMinDuration || *in.duration_min > kMaxDuration)
            return Error::invalid("duration_min", "A session lasts 5 to 600 minutes.");
        s.duration_min = *in.duration_min;
    }
    if (in.modality) {
        if (!is_modality(*in.modality))
            return Error::invalid("modality", "The modality is in_person, video or phone.");
        s.modality = *in.modality;
    }
    if (in.status) {
        if (!is_session_status(*in.status)) {
            return Error::invalid("status",
                                  "The status is scheduled, attended, cancelled or no_show.");
        }
        s.status = *in.status;
    }
    std::map<std::string, std::string> attendance;
    if (in.attendance) {
        if (!s.case_id) {
            return Error::invalid("attendance",
                                  "Attendance is recorded for couple, family and group sessions.");
        }
        if (in.attendance->size() > kMaxAttendanceRows)
            return Error::invalid("attendance", "Too many attendance entries.");
        for (const Attendance& a : *in.attendance) {
            if (!is_attendance_status(a.status)) {
                return Error::invalid("attendance", "Attendance is attended, absent or unknown.");
            }
            if (!looks_like_id(a.client_id))
                return Error::invalid("attendance", "Only members of the case attend.");
            attendance[a.client_id] = a.status;
        }
    }
    s.updated_at = now_ms();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        for (const auto& [client_id, status] : attendance) {
            // A member listed on the session, or one who joined the case since.
            int listed = 0, member = 0;
            std::string previous;
            sql << "SELECT status FROM appointment_attendance WHERE appointment_id = :a AND "
                   "client_id = :c",
                soci::into(previous), soci::use(s.id), soci::use(client_id);
            if (sql.got_data()) {
                listed = 1;
                attendance_before[client_id] = previous;
            }
            sql << "SELECT COUNT(*) FROM case_members WHERE case_id = :k AND client_id = :c",
                soci::into(member), soci::use(*s.case_id), soci::use(client_id);
            if (listed) {
                sql << "UPDATE appointment_attendance SET status = :s WHERE appointment_id = :a "
                       "AND client_id = :c",
                    soci::use(status), soci::use(s.id), soci::use(client_id);
            } else if (member) {
                sql << "INSERT INTO appointment_attendance (practice_id, appointment_id, "
                       "client_id, status) VALUES (:p, :a, :c, :s)",
                    soci::use(s.practice_id), soci::use(s.id), soci::use(client_id),
                    soci::use(status);
            } else {
                return Error::invalid("attendance", "Only members of the case attend.");
            }
        }
        std::string starts = format_appointment_time(s.starts_at), now = to_rfc3339(s.updated_at);
        sql << "UPDATE appointments SET starts_at = :s, duration_min = :d, modality = :m, status = "
               ":st, updated_at = :u WHERE id = :id",
            soci::use(starts), soci::use(s.duration_min), soci::use(s.modality),
            soci::use(s.status), soci::use(now), soci::use(s.id);
        if (s.client_id) {
            int delta = (s.status == "attended") - (status_before == "attended");
            TRY(m_measures.count_attended_session_in(sql, *s.client_id, delta));
        }
        for (const auto& [client_id, status] : attendance) {
            auto before = attendance_before.find(client_id);
            bool was = before != attendance_before.end() && before->second == "attended";
            int delta = (status == "attended") - was;
            TRY(m_measures.count_attended_session_in(sql, client_id, delta));
        }
        return m_audit.append_in(sql, {ctx.event("session.update", "session", s.id)});
    }));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    return std::move(one.front());
}

// --- notes -----------------------------------------------------------------------------------

Result<std::optional<Note>> SessionService::load_note(const std::string& note_id) {
    std::optional<Note> found;
    if (!looks_like_id(note_id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::optional<NoteRow> row;
        select_rows<NoteRow>(sql,
                             std::string("SELECT ") + NoteRow::kColumns +
                                 " FROM notes n JOIN appointments a ON a.id = n.appointment_id "
                                 "WHERE n.id = :id",
                             {note_id}, [&](const NoteRow& r) { row = r; });
        if (row)
            found = TRY(open_note(sql, m_vault, *row));
        return {};
    }));
    return found;
}

Result<std::vector<Note>> SessionService::load_notes_of(const std::string& session_id) {
    std::vector<Note> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::vector<NoteRow> rows;
        select_rows<NoteRow>(sql,
                             std::string("SELECT ") + NoteRow::kColumns +
                                 " FROM notes n JOIN appointments a ON a.id = n.appointment_id "
                                 "WHERE n.appointment_id = :s ORDER BY n.created_at, n.id",
                             {session_id}, [&](const NoteRow& r) { rows.push_back(r); });
        for (const NoteRow& r : rows)
            out.push_back(TRY(open_note(sql, m_vault, r)));
        return {};
    }));
    return out;
}

Result<Note> SessionService::locate_note(RequestContext& ctx, policy::Action action,
                                         const std::string& note_id) {
    // Found only if it exists in the actor's practice and they may read notes there: a client,
    // another practice and an outsider all get the same 404.
    auto found = TRY(load_note(note_id));
    if (!found || found->practice_id != ctx.actor.practice_id) {
        ctx.audit(policy::audit_name(action), "note", note_id, Outcome::denied);
        return Error::not_found("note");
    }
    TRY(authorize(ctx, policy::Action::note_read, Owner{found->client_id, found->case_id}, "note",
                  note_id));
    if (action != policy::Action::note_read)
        TRY(authorize_note(ctx, action, *found));
    return std::move(*found);
}

Result<void> SessionService::authorize_note(RequestContext& ctx, policy::Action action,
                                            const Note& note) {
    policy::ClientFacts note_facts;
    note_facts.is_author = note.author_id == ctx.actor.user_id;
    if (action == policy::Action::note_cosign && ctx.actor.role == Role::supervisor)
        note_facts.supervises_author = TRY(supervises(ctx.actor.user_id, note.author_id));
    TRY(authorize(ctx, action, Owner{note.client_id, note.case_id}, "note", note.id, &note_facts));
    return {};
}

Result<void> SessionService::check_links(RequestContext& ctx, const Session& session,
                                         const NoteInput& in,
                                         const std::vector<std::string>& already_linked) {
    if (in.resource_ids && !in.resource_ids->empty()) {
        auto found = TRY(m_resources.load_many(*in.resource_ids));
        for (const std::string& id : *in.resource_ids) {
            auto it = std::find_if(found.begin(), found.end(),
                                   [&](const resources::Resource& r) { return r.id == id; });
            bool ok =
                it != found.end() && it->practice_id == session.practice_id &&
                (session.client_id ? it->client_id == *session.client_id
                                   : it->case_id == session.case_id.value_or("")) &&
                (it->status != "archived" || std::find(already_linked.begin(), already_linked.end(),
                                                       id) != already_linked.end());
            if (!ok) {
                return Error::invalid("resource_ids",
                                      session.client_id
                                          ? "Link resources from this client's resource map."
                                          : "Link resources from this case's resource map.");
            }
        }
    }
    if (in.assignment_ids && !in.assignment_ids->empty()) {
        std::vector<std::string> people;
        if (session.client_id) {
            people.push_back(*session.client_id);
        } else {
            people = TRY(m_cases.get(ctx, *session.case_id)).member_ids;
        }
        std::set<std::string> known;
        for (const std::string& person : people) {
            auto list = m_journal.assignments(ctx, person);
            if (!list) {
                // A member outside the actor's reach simply offers no assignments.
                if (list.error().code == ErrorCode::not_found ||
                    list.error().code == ErrorCode::forbidden) {
                    continue;
                }
                return std::move(list).error();
            }
            for (const auto& a : *list)
                known.insert(a.assignment.id);
        }
        for (const std::string& id : *in.assignment_ids) {
            if (!known.count(id)) {
                return Error::invalid("assignment_ids", "Link exercises assigned to this client.");
            }
        }
    }
    return {};
}

Result<std::vector<Note>> SessionService::notes(RequestContext& ctx,
                                                const std::string& session_id) {
    TRY(locate(ctx, policy::Action::note_read, session_id));
    auto out = TRY(load_notes_of(session_id));
    ctx.audit("note.list", "session", session_id);
    return out;
}

Result<Note> SessionService::note(RequestContext& ctx, const std::string& note_id) {
    Note n = TRY(locate_note(ctx, policy::Action::note_read, note_id));
    ctx.audit("note.read", "note", note_id);
    return n;
}

Result<Note> SessionService::create_note(RequestContext& ctx, const std::string& session_id,
                                         const NoteInput& in) {
    Session session = TRY(locate(ctx, policy::Action::note_write, session_id));
    if (!in.template_name)
        return Error::invalid("template", "Choose a template: resource, soap or dap.");
    if (template_fields(*in.template_name).empty())
        return Error::invalid("template", "The template is resource, soap or dap.");
    json fields = json::object();
    if (in.fields)
        TRY(apply_fields(*in.template_name, *in.fields, fields));
    std::vector<Scale> scales;
    if (in.scales)
        scales = TRY(parse_scales(*in.scales));
    std::vector<std::string> resource_ids, assignment_ids;
    if (in.resource_ids)
        resource_ids = TRY(clean_ids("resource_ids", *in.resource_ids));
    if (in.assignment_ids)
        assignment_ids = TRY(clean_ids("assignment_ids", *in.assignment_ids));
    NoteInput links;
    links.resource_ids = resource_ids;
    links.assignment_ids = assignment_ids;
    TRY(check_links(ctx, session, links, {}));

    const std::string id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string sealed_fields = TRY(m_vault.seal(sql, session.practice_id, fields.dump()));
        std::string sealed_scales =
            TRY(m_vault.seal(sql, session.practice_id, scales_json(scales).dump()));
        std::string resources = json(resource_ids).dump(),
                    assignments = json(assignment_ids).dump(), now = to_rfc3339(now_ms());
        sql << "INSERT INTO notes (id, practice_id, appointment_id, template, fields, scales, "
               "resource_ids, assignment_ids, status, author_id, created_at, updated_at) VALUES "
               "(:id, :p, :a, :t, :f, :s, :r, :as, 'draft', :au, :c, :u)",
            soci::use(id), soci::use(session.practice_id), soci::use(session.id),
            soci::use(*in.template_name), soci::use(sealed_fields), soci::use(sealed_scales),
            soci::use(resources), soci::use(assignments), soci::use(ctx.actor.user_id),
            soci::use(now), soci::use(now);
        return m_audit.append_in(sql, {ctx.event("note.create", "note", id)});
    }));
    auto created = TRY(load_note(id));
    if (!created)
        return Error::internal_error("note " + id + " vanished after its insert");
    return std::move(*created);
}

Result<Note> SessionService::update_note(RequestContext& ctx, const std::string& note_id,
                                         const NoteInput& in) {
    Note n = TRY(locate_note(ctx, policy::Action::note_edit, note_id));
    const Error signed_error = Error::conflict(
        "note_signed", "This note is signed and can no longer change; add an addendum instead.");
    if (n.status != "draft")
        return signed_error;
    if (in.template_name && *in.template_name != n.template_name) {
        return Error::invalid("template",
                              "A note's template cannot change; write a new note instead.");
    }
    json stored = json::object();
    for (const auto& [key, value] : n.fields.items()) {
        // The risk group is kept as a whole; texts only when written.
        if (!value.is_string() || !value.get<std::string>().empty())
            stored[key] = value;
    }
    if (in.fields)
        TRY(apply_fields(n.template_name, *in.fields, stored));
    std::vector<Scale> scales = n.scales;
    if (in.scales)
        scales = TRY(parse_scales(*in.scales));
    std::vector<std::string> resource_ids = n.resource_ids, assignment_ids = n.assignment_ids;
    NoteInput links;
    if (in.resource_ids)
        links.resource_ids = resource_ids = TRY(clean_ids("resource_ids", *in.resource_ids));
    if (in.assignment_ids) {
        links.assignment_ids = assignment_ids =
            TRY(clean_ids("assignment_ids", *in.assignment_ids));
    }
    auto session = TRY(load(n.session_id));
    if (!session)
        return Error::internal_error("note " + n.id + " has no session");
    TRY(check_links(ctx, *session, links, n.resource_ids));

    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string sealed_fields = TRY(m_vault.seal(sql, n.practice_id, stored.dump()));
        std::string sealed_scales =
            TRY(m_vault.seal(sql, n.practice_id, scales_json(scales).dump()));
        std::string resources = json(resource_ids).dump(),
                    assignments = json(assignment_ids).dump(), now = to_rfc3339(now_ms());
        // Only a draft changes: a signature that landed meanwhile wins and nothing is written.
        soci::statement st =
            (sql.prepare << "UPDATE notes SET fields = :f, scales = :s, resource_ids = :r, "
                            "assignment_ids = :a, updated_at = :u WHERE id = :id AND status = "
                            "'draft'",
             soci::use(sealed_fields), soci::use(sealed_scales), soci::use(resources),
             soci::use(assignments), soci::use(now), soci::use(n.id));
        st.execute(true);
        if (st.get_affected_rows() != 1)
            return signed_error;
        return m_audit.append_in(sql, {ctx.event("note.update", "note", n.id)});
    }));
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its update");
    return std::move(*updated);
}

bool risk_filled(const json& risk) {
    if (!risk.is_object())
        return false;
    auto level = [&](const char* key) -> std::string {
        return risk.contains(key) && risk[key].is_string() ? risk[key].get<std::string>() : "";
    };
    const std::string self = level("to_self"), others = level("to_others");
    if (self.empty() || others.empty())
        return false;
    const bool serious =
        self == "moderate" || self == "high" || others == "moderate" || others == "high";
    const bool plan = risk.contains("plan") && risk["plan"].is_string() &&
                      !resources::trim(risk["plan"].get<std::string>()).empty();
    return !serious || plan;
}

Result<void> SessionService::require_risk_if_alerted(RequestContext& ctx, const Note& n) {
    auto session = TRY(load(n.session_id));
    if (!session)
        return Error::internal_error("note " + n.id + " has no session");
    std::vector<std::string> people;
    if (session->client_id)
        people.push_back(*session->client_id);
    const TimeMs from = session->starts_at;
    const TimeMs to = session->starts_at + static_cast<TimeMs>(session->duration_min) * 60 * 1000;
    bool alerted = false;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        if (session->case_id) {
            // A case session: every member it was held for.
            std::string member;
            soci::statement st = (sql.prepare << "SELECT client_id FROM appointment_attendance "
                                                 "WHERE appointment_id = :a",
                                  soci::into(member), soci::use(session->id));
            st.execute(false);
            while (st.fetch())
                people.push_back(member);
        }
        alerted = TRY(m_alerts.had_open_risk_in(sql, people, from, to));
        return {};
    }));
    if (alerted && !risk_filled(n.fields.value("risk", json::object()))) {
        ctx.audit("note.sign", "note", n.id, Outcome::denied);
        return Error::conflict("risk_required",
                               "This client had an open risk alert at the time of this session. "
                               "Assess risk to self and to others (and write a plan if either is "
                               "moderate or high) before signing.",
                               "fields.risk");
    }
    return {};
}

Result<Note> SessionService::sign(RequestContext& ctx, const std::string& note_id) {
    // The author signs; anyone else who signs co-signs.
    Note n = TRY(locate_note(ctx, policy::Action::note_read, note_id));
    const bool author = n.author_id == ctx.actor.user_id;
    TRY(authorize_note(ctx, author ? policy::Action::note_sign : policy::Action::note_cosign, n));
    const std::string now = to_rfc3339(now_ms());
    if (author) {
        if (n.status != "draft")
            return Error::conflict("note_signed", "You have already signed this note.");
        TRY(require_risk_if_alerted(ctx, n));
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            soci::statement st =
                (sql.prepare << "UPDATE notes SET status = 'signed', signed_at = :t, signed_by = "
                                ":u, updated_at = :t2 WHERE id = :id AND status = 'draft'",
                 soci::use(now), soci::use(ctx.actor.user_id), soci::use(now), soci::use(n.id));
            st.execute(true);
            if (st.get_affected_rows() != 1)
                return Error::conflict("note_signed", "You have already signed this note.");
            return m_audit.append_in(sql, {ctx.event("note.sign", "note", n.id)});
        }));
    } else {
        if (n.status != "signed") {
            return Error::conflict("note_not_signed",
                                   "The author has not signed this note yet; co-sign it after "
                                   "they have.");
        }
        if (n.cosigned_by)
            return Error::conflict("note_cosigned", "This note is already co-signed.");
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            soci::statement st =
                (sql.prepare << "UPDATE notes SET cosigned_at = :t, cosigned_by = :u, updated_at "
                                "= :t2 WHERE id = :id AND status = 'signed' AND cosigned_by IS "
                                "NULL",
                 soci::use(now), soci::use(ctx.actor.user_id), soci::use(now), soci::use(n.id));
            st.execute(true);
            if (st.get_affected_rows() != 1)
                return Error::conflict("note_cosigned", "This note is already co-signed.");
            return m_audit.append_in(sql, {ctx.event("note.cosign", "note", n.id)});
        }));
    }
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its signature");
    return std::move(*updated);
}

Result<Note> SessionService::add_addendum(RequestContext& ctx, const std::string& note_id,
                                          const std::string& text) {
    Note n = TRY(locate_note(ctx, policy::Action::note_write, note_id));
    if (n.status != "signed") {
        return Error::conflict("note_draft", "This note is still a draft: edit the draft instead.");
    }
    std::string clean = TRY(clean_note_text("text", text));
    if (resources::trim(clean).empty())
        return Error::invalid("text", "Write the addendum.");
    const std::string id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string sealed = TRY(m_vault.seal(sql, n.practice_id, clean));
        std::string now = to_rfc3339(now_ms());
        sql << "INSERT INTO note_addenda (id, practice_id, note_id, body, author_id, created_at) "
               "VALUES (:id, :p, :n, :b, :a, :t)",
            soci::use(id), soci::use(n.practice_id), soci::use(n.id), soci::use(sealed),
            soci::use(ctx.actor.user_id), soci::use(now);
        sql << "UPDATE notes SET updated_at = :t WHERE id = :id", soci::use(now), soci::use(n.id);
        return m_audit.append_in(sql, {ctx.event("note.addendum", "note", n.id)});
    }));
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its addendum");
    return std::move(*updated);
}

// --- the timeline ----------------------------------------------------------------------------

Result<std::vector<TimelineItem>> SessionService::timeline(RequestContext& ctx,
                                                           const std::string& client_id,
                                                           const std::string& limit_text) {
    Owner owner{client_id, std::nullopt};
    TRY(authorize(ctx, policy::Action::session_read, owner, "client", client_id));
    int limit = TRY(parse_limit(limit_text));
    std::vector<TimelineItem> items;

    std::vector<Session> sessions;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        select_rows<Row>(sql,
                         std::string("SELECT ") + Row::kColumns +
                             " FROM appointments a WHERE a.client_id = :c AND a.practice_id = :p "
                             "ORDER BY a.starts_at DESC, a.id DESC LIMIT " +
                             std::to_string(limit),
                         {client_id, ctx.actor.practice_id},
                         [&](const Row& r) { sessions.push_back(r.to_session()); });
        return {};
    }));
    // The client's couple, family or group sessions too - those of cases whose sessions this
    // reader may see (a case has its own team, which need not be the client's care team).
    std::vector<std::string> case_ids;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        soci::rowset<std::string> rows =
            (sql.prepare
                 << "SELECT case_id FROM case_members WHERE client_id = :c ORDER BY case_id",
             soci::use(client_id));
        for (const auto& id : rows)
            case_ids.push_back(id);
        return {};
    }));
    for (const std::string& case_id : case_ids) {
        policy::ClientFacts f = TRY(facts(ctx.actor, Owner{std::nullopt, case_id}));
        if (policy::decide(ctx.actor, policy::Action::session_read, "", f) !=
            policy::Decision::allow)
            continue;
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            select_rows<Row>(sql,
                             std::string("SELECT ") + Row::kColumns +
                                 " FROM appointments a WHERE a.case_id = :k AND a.practice_id = "
                                 ":p ORDER BY a.starts_at DESC, a.id DESC LIMIT " +
                                 std::to_string(limit),
                             {case_id, ctx.actor.practice_id},
                             [&](const Row& r) { sessions.push_back(r.to_session()); });
            return {};
        }));
    }
    for (Session& s : TRY(complete(std::move(sessions), ctx.actor)))
        items.push_back({s.starts_at, std::move(s)});

    // Everything else comes from its own service, with that service's rules on what this reader
    // may see (resources hidden from the client, alerts, private journal entries).
    resources::ResourceQuery all;
    all.status = "all";
    for (const auto& r : TRY(m_resources.list(ctx, resources::Owner::client(client_id), all))) {
        if (!r.latest_rating)
            continue;  // never rated: nothing happened on the timeline
        for (const auto& rating : TRY(m_resources.ratings(ctx, r.id))) {
            items.push_back({rating.rated_at,
                             RatingItem{r.id, r.title, rating.activation, rating.availability}});
        }
    }
    for (const auto& response : TRY(m_measures.list(ctx, client_id, ""))) {
        ScoreItem score{response.id, response.instrument_id, response.total, std::nullopt};
        const json& scored = response.scored;
        if (scored.is_object() && scored.contains("scores") && scored["scores"].is_object() &&
            scored["scores"].contains("total") && scored["scores"]["total"].is_object()) {
            const json& total = scored["scores"]["total"];
            if (total.contains("band") && total["band"].is_string())
                score.severity = total["band"].get<std::string>();
        }
        items.push_back({response.created_at, std::move(score)});
    }
    journal::EntryQuery query;
    query.limit = kMaxLimit;
    journal::EntryList entries = TRY(m_journal.entries(ctx, client_id, query));
    for (auto& e : entries.entries) {
        items.push_back({e.created_at, JournalItem{e.id, e.kind, std::move(e.text),
                                                   journal::format_date(e.entry_date), e.mood}});
    }

    std::stable_sort(items.begin(), items.end(),
                     [](const TimelineItem& a, const TimelineItem& b) { return a.at > b.at; });
    if (items.size() > static_cast<std::size_t>(limit))
        items.resize(static_cast<std::size_t>(limit));
    ctx.audit("timeline.read", "client", client_id);
    return items;
}

Result<int> SessionService::hand_over_in(soci::session& sql, const std::string& from,
                                         const std::string& to, TimeMs now) {
    std::string from_time = format_appointment_time(now);
    std::string stamp = to_rfc3339(now);
    soci::statement st =
        (sql.prepare << "UPDATE appointments SET therapist_id = :to, updated_at = :u WHERE "
                        "therapist_id = :from AND status = 'scheduled' AND starts_at >= :t",
         soci::use(to), soci::use(stamp), soci::use(from), soci::use(from_time));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

}  // namespace trove::sessions
