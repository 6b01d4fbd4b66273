package io.reelstream.udfs.traininglog;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the records of a fixed share of members, chosen by a hash of the member id: a sampled
 * member's decisions and interactions are all kept, so the training log's labels stay complete
 * while its cost shrinks with the share.
 *
 * @param <T> the record type
 */
public final class MemberSample<T> implements FilterFunction<T> {

    private static final long serialVersionUID = 1L;

    private final KeySelector<T, String> member;
    private final double share;

    /**
     * @param member the record's member id
     * @param share share of members kept, in (0, 1]
     */
    public MemberSample(KeySelector<T, String> member, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        this.member = member;
        this.share = share;
    }

    @Override
    public boolean filter(T record) throws Exception {
        return share >= 1 || includes(member.getKey(record), share);
    }

    /** Whether {@code memberId} is in the sample of {@code share}: stable across runs and JVMs. */
    public static boolean includes(String memberId, double share) {
        return unitHash(memberId) < share;
    }

    /** A hash of the member id, uniform in [0, 1): FNV-1a 64 with a final avalanche. */
    static double unitHash(String memberId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : memberId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Decisions by member. */
    public static final class DecisionMember implements KeySelector<RankingDecision, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RankingDecision decision) {
            return decision.memberId();
        }
    }
}
