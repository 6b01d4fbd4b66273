package io.reelstream.udfs.features;

/** What a {@link UserActivity} contributes to the user_session features. */
public enum ActivityKind {
    /** A play started (playback START): counts a play, opens the playback's progress cursor. */
    PLAY_START,
    /** Any other playback event: playhead progress becomes watch time. */
    PLAY_PROGRESS,
    /** Playback COMPLETE: progress plus one completion. */
    PLAY_COMPLETE,
    /** A search was run. */
    SEARCH
}
