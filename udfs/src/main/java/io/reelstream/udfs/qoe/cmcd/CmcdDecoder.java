package io.reelstream.udfs.qoe.cmcd;

import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.decode.RejectReason;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes contract {@code cmcd} records ({@link CmcdRecord} JSON carrying CTA-5004 payloads) into
 * the same {@link QoeEvent} samples the player telemetry contract produces, so one session pipeline
 * serves both. Two steps: RFC 8941 dictionary parse, then typed CMCD keys.
 */
public final class CmcdDecoder implements EventDecoder<QoeEvent> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HIGHEST_CMCD_VERSION = 2;

    /**
     * Prefix of the event id of every sample decoded from CMCD, so the session function can prefer
     * native telemetry when a playback reports the same instant through both channels.
     */
    public static final String EVENT_ID_PREFIX = "cmcd:";

    private final int maxRecordBytes;
    private final long maxFutureSkewMillis;

    /**
     * @param maxRecordBytes larger records are rejected as {@code OVERSIZED}
     * @param maxFutureSkewMillis event times further ahead of "now" are {@code FUTURE_EVENT_TIME}
     */
    public CmcdDecoder(int maxRecordBytes, long maxFutureSkewMillis) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /** A decoder with the shared ingest limits. */
    public static CmcdDecoder of(DecodeLimits limits) {
        return new CmcdDecoder(limits.maxRecordBytes(), limits.futureSkewMs());
    }

    @Override
    public DecodeResult<QoeEvent> decode(RawRecord record, long nowMillis) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return DecodeResult.rejected(RejectReason.MALFORMED_JSON, "empty record value");
        }
        if (value.length > maxRecordBytes) {
            return DecodeResult.rejected(
                    RejectReason.OVERSIZED, value.length + " bytes > " + maxRecordBytes);
        }
        if (!looksLikeJson(value)) {
            CmcdRecord bare =
                    CmcdRecord.bare(new String(value, StandardCharsets.UTF_8), record.timestamp());
            return decodeWrapper(bare, record, nowMillis, false);
        }
        CmcdRecord wrapper;
        try {
            wrapper = JSON.readValue(value, CmcdRecord.class);
        } catch (IOException e) {
            return DecodeResult.rejected(
                    RejectReason.MALFORMED_JSON, String.valueOf(e.getMessage()));
        }
        if (wrapper == null) {
            return DecodeResult.rejected(RejectReason.MALFORMED_JSON, "null document");
        }
        return decodeWrapper(wrapper, record, nowMillis, true);
    }

    private DecodeResult<QoeEvent> decodeWrapper(
            CmcdRecord wrapper, RawRecord record, long nowMillis, boolean requireDeliveryPath) {
        if (wrapper.v() == null) {
            return missing("v");
        }
        if (wrapper.v() != CmcdRecord.CURRENT_VERSION) {
            return DecodeResult.rejected(
                    RejectReason.UNSUPPORTED_VERSION, "cmcd record v=" + wrapper.v());
        }
        for (Map.Entry<String, Object> required : requiredFields(wrapper).entrySet()) {
            if (requireDeliveryPath && required.getValue() == null) {
                return missing(required.getKey());
            }
        }
        DeviceType deviceType;
        try {
            deviceType =
                    wrapper.deviceType() == null ? null : DeviceType.valueOf(wrapper.deviceType());
        } catch (IllegalArgumentException e) {
            return DecodeResult.rejected(
                    RejectReason.UNKNOWN_ENUM_VALUE, "deviceType=" + wrapper.deviceType());
        }
        CmcdPayload cmcd;
        try {
            cmcd = CmcdPayload.of(dictionary(wrapper));
        } catch (StructuredFieldException e) {
            return DecodeResult.rejected(RejectReason.MALFORMED_CMCD, e.getMessage());
        } catch (CmcdValueException e) {
            return DecodeResult.rejected(RejectReason.INVALID_VALUE, e.getMessage());
        }
        return toEvent(wrapper, cmcd, deviceType, record, nowMillis);
    }

    private DecodeResult<QoeEvent> toEvent(
            CmcdRecord wrapper,
            CmcdPayload cmcd,
            DeviceType deviceType,
            RawRecord record,
            long nowMillis) {
        if (cmcd.version() > HIGHEST_CMCD_VERSION) {
            return DecodeResult.rejected(
                    RejectReason.UNSUPPORTED_VERSION, "CMCD v=" + cmcd.version());
        }
        if (cmcd.sid() == null || cmcd.sid().isEmpty()) {
            return missing("sid");
        }
        Long eventTime = cmcd.ts() != null ? cmcd.ts() : wrapper.eventTime();
        if (eventTime == null) {
            return missing("eventTime");
        }
        if (eventTime > nowMillis + maxFutureSkewMillis) {
            return DecodeResult.rejected(
                    RejectReason.FUTURE_EVENT_TIME,
                    "eventTime " + eventTime + " > now " + nowMillis);
        }
        PlayerState state = CmcdPlayerStates.of(cmcd);
        if (state == null) {
            return DecodeResult.rejected(RejectReason.UNKNOWN_ENUM_VALUE, "sta=" + cmcd.sta());
        }
        String eventId =
                EVENT_ID_PREFIX
                        + (wrapper.eventId() != null
                                ? wrapper.eventId()
                                : record.topic()
                                        + "-"
                                        + record.partition()
                                        + "-"
                                        + record.offset());
        return DecodeResult.ok(
                new QoeEvent(
                        QoeEvent.CURRENT_VERSION,
                        eventId,
                        eventTime,
                        cmcd.sid(),
                        wrapper.userId(),
                        cmcd.cid(),
                        state,
                        cmcd.bl() == null ? null : cmcd.bl().longValue(),
                        cmcd.br(),
                        cmcd.mtp(),
                        wrapper.cdn(),
                        wrapper.isp(),
                        wrapper.asn(),
                        deviceType,
                        wrapper.country(),
                        null));
    }

    private static Map<String, Object> dictionary(CmcdRecord wrapper)
            throws StructuredFieldException, CmcdValueException {
        if (wrapper.query() == null && wrapper.headers() == null && wrapper.body() == null) {
            throw new CmcdValueException("no CMCD payload: query, headers and body are absent");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (wrapper.query() != null) {
            merged.putAll(CmcdTransport.fromQuery(wrapper.query()));
        }
        if (wrapper.headers() != null) {
            merged.putAll(CmcdTransport.fromHeaders(wrapper.headers()));
        }
        if (wrapper.body() != null) {
            merged.putAll(CmcdTransport.fromBody(wrapper.body()));
        }
        return merged;
    }

    /** A JSON wrapper starts with '{' (after whitespace); anything else is a bare CMCD payload. */
    private static boolean looksLikeJson(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private static Map<String, Object> requiredFields(CmcdRecord wrapper) {
        Map<String, Object> required = new LinkedHashMap<>();
        required.put("cdn", wrapper.cdn());
        required.put("deviceType", wrapper.deviceType());
        required.put("country", wrapper.country());
        return required;
    }

    private static DecodeResult<QoeEvent> missing(String field) {
        return DecodeResult.rejected(RejectReason.MISSING_FIELD, field);
    }
}
