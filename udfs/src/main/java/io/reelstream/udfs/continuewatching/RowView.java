package io.reelstream.udfs.continuewatching;

import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the served row from the tracked titles: per show the latest decision (a viewing that
 * entered, a completion or a hand-off), shown if it is not a completion, newest first, capped.
 */
final class RowView {

    /** Which viewing of a show decides its slot: the latest to start, complete or hand off. */
    static final Comparator<TitleProgress> LATEST_DECISION_FIRST =
            Comparator.comparingLong(TitleProgress::decidedAt)
                    .thenComparingLong(TitleProgress::decidedSeq)
                    .reversed();

    static final Comparator<TitleProgress> LATEST_FIRST =
            Comparator.comparingLong((TitleProgress t) -> t.lastWatchedAt)
                    .thenComparingLong(t -> t.seq)
                    .reversed();

    private RowView() {}

    static List<ContinueWatchingEntry> entries(
            List<TitleProgress> titles, ContinueWatchingSettings settings) {
        Map<String, TitleProgress> latestPerShow = new HashMap<>();
        for (TitleProgress title : titles) {
            if (title.isDecisive()) {
                latestPerShow.merge(
                        title.showId,
                        title,
                        (a, b) -> LATEST_DECISION_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        List<TitleProgress> shown = new ArrayList<>();
        for (TitleProgress title : latestPerShow.values()) {
            if (title.isInRow()) {
                shown.add(title);
            }
        }
        shown.sort(LATEST_FIRST);
        List<ContinueWatchingEntry> entries = new ArrayList<>();
        for (TitleProgress title :
                shown.subList(0, Math.min(shown.size(), settings.maxEntries()))) {
            entries.add(
                    new ContinueWatchingEntry(
                            title.titleId,
                            title.showId,
                            title.positionMs,
                            title.runtimeMs,
                            title.progress(),
                            title.lastWatchedAt,
                            title.device));
        }
        return entries;
    }
}
