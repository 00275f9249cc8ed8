#pragma once
// Reading appointment rows, shared by the parts of SessionService; private to the service.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/sessions/sessions.hpp"

namespace trove::sessions::detail {

constexpr int kMaxLimit = 500;

//! A list's `limit` parameter: 1..kMaxLimit, 200 when empty.
Result<int> parse_limit(const std::string& text);

//! Runs `query` with one string bound per placeholder, handing each row to `each`.
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

struct SessionRow {
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

    //! The session without attendance and notes; an error when a stored time does not parse.
    Result<Session> to_session() const;
};

//! `SELECT <SessionRow::kColumns> FROM appointments a <rest>`, decoded.
Result<std::vector<Session>> select_sessions(soci::session& sql, const std::string& rest,
                                             const std::vector<std::string>& params);

}  // namespace trove::sessions::detail
