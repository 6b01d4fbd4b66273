package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.SessionSummary;

/**
 * The cohorts a playback belongs to: single delivery dimensions plus the combinations operators act
 * on (a CDN in one country, a CDN on one ISP). Names are part of cohort keys: add, never rename.
 */
public enum CohortDimension {
    CDN,
    ISP,
    ASN,
    DEVICE,
    COUNTRY,
    CDN_COUNTRY,
    CDN_ISP;

    /** The summary's value in this dimension, or {@code null} if a part is unknown. */
    public String valueOf(SessionSummary s) {
        return switch (this) {
            case CDN -> s.cdn();
            case ISP -> s.isp();
            case ASN -> s.asn() == null ? null : "AS" + s.asn();
            case DEVICE -> s.deviceType() == null ? null : s.deviceType().name();
            case COUNTRY -> s.country();
            case CDN_COUNTRY -> join(s.cdn(), s.country());
            case CDN_ISP -> join(s.cdn(), s.isp());
        };
    }

    /** The cohort key, e.g. {@code cdn=cdn-a} or {@code cdn_country=cdn-a|US}. */
    public String cohortKey(String value) {
        return name().toLowerCase(java.util.Locale.ROOT) + "=" + value;
    }

    private static String join(String a, String b) {
        return a == null || b == null ? null : a + "|" + b;
    }
}
