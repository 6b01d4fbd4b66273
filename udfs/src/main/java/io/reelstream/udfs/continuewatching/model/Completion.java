package io.reelstream.udfs.continuewatching.model;

import io.reelstream.udfs.continuewatching.CatalogTitle;

/** When a title counts as finished: past the progress threshold, or past its credits offset. */
public final class Completion {

    private Completion() {}

    public static boolean reached(
            long positionMs,
            long runtimeMs,
            CatalogTitle catalogEntry,
            ContinueWatchingSettings settings) {
        if (runtimeMs > 0 && positionMs >= settings.completionThreshold() * runtimeMs) {
            return true;
        }
        return catalogEntry != null
                && catalogEntry.creditsOffsetMs != null
                && catalogEntry.creditsOffsetMs > 0
                && positionMs >= catalogEntry.creditsOffsetMs;
    }
}
