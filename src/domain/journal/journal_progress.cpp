// Adherence to assignments, journal streaks, the mood trend and milestones.
#include "domain/journal/journal.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "storage/table.hpp"

namespace trove::journal {

namespace {

bool paused_on(const std::vector<Pause>& pauses, Date day) {
    return std::any_of(pauses.begin(), pauses.end(),
                       [&](const Pause& p) { return day >= p.first && day <= p.last; });
}

}  // namespace

Result<AdherenceReport> JournalService::adherence(RequestContext& ctx,
                                                  const std::string& client_id) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    JournalSettings settings = TRY(settings_of(facts.practice_id));
    AdherenceReport report;
    report.today = TRY(local_date(now_ms(), settings.time_zone));
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    // What counts for the reader: shared entries; private ones only for their author, or as a bare
    // date for the team when the practice allows it.
    std::vector<Date> all_days;
    std::map<std::string, std::vector<Date>> done_by_assignment;
    for (const Entry& e : TRY(load_entries(client_id))) {
        const bool visible = own || e.shared;
        if (!visible && !settings.show_private_dates)
            continue;
        all_days.push_back(e.entry_date);
        // Which exercise a private entry was for is more than its date: it stays the client's.
        if (!visible)
            continue;
        if (e.assignment_id)
            done_by_assignment[*e.assignment_id].push_back(e.entry_date);
        ++report.entries;
        if (e.mood)
            report.mood.push_back({e.entry_date, e.created_at, *e.mood, e.id});
    }
    report.journal_streaks = day_streaks(all_days, report.today);
    std::stable_sort(report.mood.begin(), report.mood.end(),
                     [](const MoodPoint& a, const MoodPoint& b) {
                         return a.date != b.date ? a.date < b.date : a.at < b.at;
                     });
    report.mood_summary = summarise_mood(report.mood, report.today);

    for (Assignment& a : TRY(load_assignments(client_id))) {
        const auto& pauses = a.pauses;
        AssignmentAdherence item;
        auto ex = TRY(find_exercise(facts.practice_id, a.exercise_id));
        item.exercise_title = ex ? ex->title : "Exercise";
        const auto& done = done_by_assignment[a.id];
        item.adherence =
            journal::adherence(a.schedule, a.starts_on, a.ended_on, done, report.today, pauses);
        item.due_today =
            a.status == "active" && !paused_on(pauses, report.today) &&
            (a.schedule.is_quota() ? report.today >= a.starts_on &&
                                         (!a.schedule.until || report.today <= *a.schedule.until)
                                   : due_on(a.schedule, a.starts_on, report.today));
        item.done_today = std::find(done.begin(), done.end(), report.today) != done.end();
        item.assignment = std::move(a);
        report.assignments.push_back(std::move(item));
    }
    ctx.audit("adherence.read", "client", client_id);
    return report;
}

Result<Milestones> JournalService::milestones(RequestContext& ctx, const std::string& client_id) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    Milestones out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        if (auto set = TRY(clients::milestones_in(reader, client_id)))
            out.enabled = *set;
        return {};
    }));
    ctx.audit("milestones.read", "client", client_id);
    if (!out.enabled)
        return out;
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    std::vector<Entry> visible;
    for (Entry& e : TRY(load_entries(client_id))) {
        if (own || e.shared)
            visible.push_back(std::move(e));
    }
    std::sort(visible.begin(), visible.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.entry_date, a.created_at) < std::tie(b.entry_date, b.created_at);
    });
    if (!visible.empty()) {
        out.items.push_back({"first_entry", "Your first entry",
                             "You wrote your first entry. A good beginning.",
                             visible.front().entry_date});
    }
    // Streak milestones: the day a run of consecutive days first reached its length.
    std::set<Date> days;
    for (const Entry& e : visible)
        days.insert(e.entry_date);
    const std::vector<std::pair<int, const char*>> streaks = {
        {3, "Three days in a row"}, {7, "A whole week"}, {30, "Thirty days in a row"}};
    std::set<int> reached;
    int run = 0;
    std::optional<Date> previous;
    for (Date d : days) {
        run = previous && d == *previous + std::chrono::days(1) ? run + 1 : 1;
        previous = d;
        for (const auto& [length, title] : streaks) {
            if (run == length && !reached.count(length)) {
                reached.insert(length);
                out.items.push_back({"streak_" + std::to_string(length), title,
                                     "You wrote on " + std::to_string(length) +
                                         " days in a row. Small steps add up.",
                                     d});
            }
        }
    }
    int successes = 0;
    for (const Entry& e : visible) {
        if (e.kind != "success")
            continue;
        ++successes;
        if (successes == 10 || successes == 50) {
            out.items.push_back({"successes_" + std::to_string(successes),
                                 std::to_string(successes) + " successes",
                                 "You have written down " + std::to_string(successes) +
                                     " successes. Each one counts.",
                                 e.entry_date});
        }
    }
    // A resource whose activation rose by two or more since its first rating in the trend.
    auto map = m_resources.map(ctx, resources::Owner::client(client_id), now_ms());
    if (map) {
        for (const auto& entry : map->entries) {
            if (entry.resource.status != "active" || entry.trend.empty())
                continue;
            int lowest = entry.trend.front().activation;
            for (const auto& rating : entry.trend) {
                if (rating.activation - lowest >= 2) {
                    Date on = TRY(local_date(rating.rated_at, "UTC"));
                    out.items.push_back({"resource_rise:" + entry.resource.id,
                                         "\"" + entry.resource.title + "\" grew",
                                         "You use this resource more than before.", on});
                    break;
                }
                lowest = std::min(lowest, rating.activation);
            }
        }
    }
    std::stable_sort(
        out.items.begin(), out.items.end(),
        [](const Milestone& a, const Milestone& b) { return a.achieved_on > b.achieved_on; });
    (void)facts;
    return out;
}

Result<Milestones> JournalService::set_milestones(RequestContext& ctx, const std::string& client_id,
                                                  bool enabled) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::preferences_write, client_id));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(clients::set_milestones_in(tx, facts.practice_id, client_id, enabled));
        return m_audit.append_in(tx, {ctx.event("preferences.update", "client", client_id)});
    }));
    return milestones(ctx, client_id);
}

}  // namespace trove::journal
