package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.ranker.RankerModelUpdate;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The recommendation job's key selectors (convention in {@code IngestKeys}) and its timestamp
 * assigner, as named classes.
 */
public final class RecsKeys {

    private RecsKeys() {}

    /** Playback events by playback id (one engagement per press of play). */
    public static final class PlaybackByPlaybackId implements KeySelector<PlaybackEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlaybackEvent event) {
            return event.playbackId();
        }
    }

    /** Title interactions by title id (joined with the catalog). */
    public static final class InteractionByTitle implements KeySelector<TitleInteraction, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TitleInteraction interaction) {
            return interaction.titleId();
        }
    }

    /** Catalog records by title id. */
    public static final class CatalogByTitle implements KeySelector<CatalogRecord, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CatalogRecord record) {
            return record.titleId();
        }
    }

    /** Interactions by member (the user side). */
    public static final class InteractionByMember implements KeySelector<Interaction, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Interaction interaction) {
            return interaction.userId();
        }
    }

    /** Item gradients by show (the item side). */
    public static final class GradientByShow implements KeySelector<ItemGradient, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ItemGradient gradient) {
            return gradient.showId();
        }
    }

    /** Co-visitation changes go to the title side of their show. */
    public static final class CovisitByShow implements KeySelector<CovisitMessage, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CovisitMessage message) {
            return message.showId();
        }
    }

    /** A show's published factors, for the throttle in front of its table. */
    public static final class UpdateByShow implements KeySelector<ItemFactorUpdate, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ItemFactorUpdate update) {
            return update.showId();
        }
    }

    /** Replica updates carry their publication time. */
    public static final class UpdatedAt implements SerializableTimestampAssigner<ItemFactorUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(ItemFactorUpdate update, long recordTimestamp) {
            return update.updatedAt();
        }
    }

    /** Ranker models by publication time. */
    public static final class PublishedAt
            implements SerializableTimestampAssigner<RankerModelUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(RankerModelUpdate update, long recordTimestamp) {
            return update.publishedAt();
        }
    }
}
