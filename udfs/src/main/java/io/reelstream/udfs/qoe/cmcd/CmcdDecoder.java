package io.reelstream.udfs.qoe.cmcd;

import io.reelstream.schemas.cmcd.CmcdPayload;
import io.reelstream.schemas.cmcd.CmcdRecord;
import io.reelstream.schemas.cmcd.CmcdTransport;
import io.reelstream.schemas.cmcd.CmcdValueException;
import io.reelstream.schemas.cmcd.StructuredFieldException;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.udfs.qoe.PlaybackSample;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes contract {@code cmcd} records ({@link CmcdRecord} JSON carrying CTA-5004 payloads) into
 * {@link PlaybackSample}s, the input the player telemetry contract also feeds, so one session
 * pipeline serves both. Two steps: RFC 8941 dictionary parse, then typed CMCD keys. A record gives
 * one sample per report: one for a request (query and/or headers), one per line of an event-mode
 * body. A record is accepted or rejected whole.
 */
public final class CmcdDecoder implements EventDecoder<List<PlaybackSample>> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HIGHEST_CMCD_VERSION = 2;

    /** Prefix of the event id of every sample decoded from CMCD. */
    public static final String EVENT_ID_PREFIX = PlaybackSample.CMCD_EVENT_ID_PREFIX;

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
    public DecodeResult<List<PlaybackSample>> decode(RawRecord record, long nowMillis) {
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

    private DecodeResult<List<PlaybackSample>> decodeWrapper(
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
        List<CmcdPayload> reports;
        try {
            reports = reports(wrapper);
        } catch (StructuredFieldException e) {
            return DecodeResult.rejected(RejectReason.MALFORMED_CMCD, e.getMessage());
        } catch (CmcdValueException e) {
            return DecodeResult.rejected(RejectReason.INVALID_VALUE, e.getMessage());
        }
        String baseId =
                EVENT_ID_PREFIX
                        + (wrapper.eventId() != null
                                ? wrapper.eventId()
                                : record.topic()
                                        + "-"
                                        + record.partition()
                                        + "-"
                                        + record.offset());
        boolean hasRequest = wrapper.query() != null || wrapper.headers() != null;
        List<PlaybackSample> samples = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            boolean eventMode = !(hasRequest && i == 0);
            String eventId = reports.size() == 1 ? baseId : baseId + "#" + i;
            DecodeResult<PlaybackSample> sample =
                    toSample(wrapper, reports.get(i), eventMode, eventId, deviceType, nowMillis);
            if (sample instanceof DecodeResult.Rejected<PlaybackSample> rejected) {
                return DecodeResult.rejected(
                        rejected.rejection().reason(), rejected.rejection().detail());
            }
            samples.add(((DecodeResult.Ok<PlaybackSample>) sample).value());
        }
        return DecodeResult.ok(samples);
    }

    private DecodeResult<PlaybackSample> toSample(
            CmcdRecord wrapper,
            CmcdPayload cmcd,
            boolean eventMode,
            String eventId,
            DeviceType deviceType,
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
        PlayerState state = null;
        if (cmcd.sta() != null) {
            state = CmcdPlayerStates.of(cmcd.sta());
            if (state == null) {
                return DecodeResult.rejected(RejectReason.UNKNOWN_ENUM_VALUE, "sta=" + cmcd.sta());
            }
        }
        QoeEvent event =
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
                        state == PlayerState.FATAL_ERROR ? cmcd.ec() : null);
        return DecodeResult.ok(
                new PlaybackSample(event, CmcdPlayerStates.signals(cmcd, eventMode)));
    }

    /**
     * The reports of one record: the query and the headers together are one request-mode report (a
     * request sends its keys in one of the two, or split between them); each line of a body is one
     * event-mode report.
     */
    private static List<CmcdPayload> reports(CmcdRecord wrapper)
            throws StructuredFieldException, CmcdValueException {
        if (wrapper.query() == null && wrapper.headers() == null && wrapper.body() == null) {
            throw new CmcdValueException("no CMCD payload: query, headers and body are absent");
        }
        List<CmcdPayload> reports = new ArrayList<>();
        if (wrapper.query() != null || wrapper.headers() != null) {
            Map<String, Object> request = new LinkedHashMap<>();
            if (wrapper.query() != null) {
                request.putAll(CmcdTransport.fromQuery(wrapper.query()));
            }
            if (wrapper.headers() != null) {
                request.putAll(CmcdTransport.fromHeaders(wrapper.headers()));
            }
            reports.add(CmcdPayload.of(request));
        }
        if (wrapper.body() != null) {
            for (Map<String, Object> line : CmcdTransport.fromBody(wrapper.body())) {
                reports.add(CmcdPayload.of(line));
            }
        }
        if (reports.isEmpty()) {
            throw new CmcdValueException("no CMCD report: the body has no line");
        }
        return reports;
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

    private static <T> DecodeResult<T> missing(String field) {
        return DecodeResult.rejected(RejectReason.MISSING_FIELD, field);
    }
}
