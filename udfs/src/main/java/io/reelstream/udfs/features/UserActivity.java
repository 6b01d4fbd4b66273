package io.reelstream.udfs.features;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.udfs.ingest.RecentEventIds;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Objects;

/**
 * One user action in the compact, versioned shape the user_session feature function keys and stores
 * (explicit serializer, {@link UserActivitySerializer}): playback and search events both map to it.
 */
@TypeInfo(UserActivityTypeInfo.Factory.class)
public class UserActivity {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public String userId;
    public long eventTime;

    /** {@link RecentEventIds#hash} of the producer's event id; copies of one event share it. */
    public long eventIdHash;

    public ActivityKind kind;
    public String titleId;
    public String playbackId;
    public DeviceType deviceType;

    /** Playhead after the event, ms. */
    public long positionMs;

    /** Playhead the progress up to this event ends at: the seek origin for SEEK, else position. */
    public long progressEndMs;

    public UserActivity() {}

    /** A playback event as an activity. */
    public static UserActivity of(PlaybackEvent e) {
        UserActivity a = new UserActivity();
        a.userId = e.userId();
        a.eventTime = e.eventTime();
        a.eventIdHash = RecentEventIds.hash(e.eventId());
        a.kind = kindOf(e.type());
        a.titleId = e.titleId();
        a.playbackId = e.playbackId();
        a.deviceType = e.deviceType();
        a.positionMs = e.positionMs();
        a.progressEndMs =
                e.type() == PlaybackEventType.SEEK && e.seekFromMs() != null
                        ? e.seekFromMs()
                        : e.positionMs();
        return a;
    }

    /** A search event as an activity. */
    public static UserActivity of(SearchEvent e) {
        UserActivity a = new UserActivity();
        a.userId = e.userId();
        a.eventTime = e.eventTime();
        a.eventIdHash = RecentEventIds.hash(e.eventId());
        a.kind = ActivityKind.SEARCH;
        a.deviceType = e.deviceType();
        return a;
    }

    private static ActivityKind kindOf(PlaybackEventType type) {
        return switch (type) {
            case START -> ActivityKind.PLAY_START;
            case COMPLETE -> ActivityKind.PLAY_COMPLETE;
            default -> ActivityKind.PLAY_PROGRESS;
        };
    }

    /** Whether this is a playback event (not a search). */
    public boolean isPlayback() {
        return kind != ActivityKind.SEARCH;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UserActivity other)) {
            return false;
        }
        return v == other.v
                && eventTime == other.eventTime
                && eventIdHash == other.eventIdHash
                && positionMs == other.positionMs
                && progressEndMs == other.progressEndMs
                && kind == other.kind
                && deviceType == other.deviceType
                && Objects.equals(userId, other.userId)
                && Objects.equals(titleId, other.titleId)
                && Objects.equals(playbackId, other.playbackId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, eventTime, kind, titleId, playbackId);
    }

    @Override
    public String toString() {
        return "UserActivity{"
                + userId
                + " "
                + kind
                + " @"
                + eventTime
                + " title="
                + titleId
                + " playback="
                + playbackId
                + " pos="
                + positionMs
                + "}";
    }
}
