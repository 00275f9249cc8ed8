// Reading appointment rows: the decoding of a stored session and the limit of a list.
#include "domain/sessions/sessions_rows.hpp"

#include "storage/table.hpp"

namespace trove::sessions::detail {

namespace {

constexpr int kDefaultLimit = 200;

}  // namespace

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

Result<Session> SessionRow::to_session() const {
    constexpr const char* kTable = "appointments";
    Session s;
    s.id = id;
    s.practice_id = practice_id;
    if (client_ind == soci::i_ok)
        s.client_id = client_id;
    if (case_ind == soci::i_ok)
        s.case_id = case_id;
    s.therapist_id = therapist_id;
    s.starts_at = TRY(storage::stored_time(starts_at, kTable, "starts_at", id));
    s.duration_min = duration_min;
    s.modality = modality;
    s.status = status;
    s.created_at = TRY(storage::stored_time(created_at, kTable, "created_at", id));
    s.updated_at = TRY(storage::stored_time(updated_at, kTable, "updated_at", id));
    return s;
}

Result<std::vector<Session>> select_sessions(soci::session& sql, const std::string& rest,
                                             const std::vector<std::string>& params) {
    // select_rows' callback cannot fail, so the rows are decoded once the read is done.
    std::vector<SessionRow> rows;
    select_rows<SessionRow>(
        sql, std::string("SELECT ") + SessionRow::kColumns + " FROM appointments a " + rest, params,
        [&](const SessionRow& r) { rows.push_back(r); });
    std::vector<Session> out;
    out.reserve(rows.size());
    for (const SessionRow& r : rows)
        out.push_back(TRY(r.to_session()));
    return out;
}

}  // namespace trove::sessions::detail
