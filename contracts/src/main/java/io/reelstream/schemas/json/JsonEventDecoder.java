package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The checks every JSON contract shares, in order: value present, size, key (if the topic needs
 * one), well-formed JSON object, {@code v} present and supported; then the contract's reader for
 * that version. A new contract version adds a {@code case} to {@link #read}; older versions keep
 * decoding.
 */
public abstract class JsonEventDecoder<T> implements EventDecoder<T> {

    private static final long serialVersionUID = 1L;

    protected final DecodeLimits limits;
    private final boolean keyRequired;

    protected JsonEventDecoder(DecodeLimits limits, boolean keyRequired) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.keyRequired = keyRequired;
    }

    /** The limits this decoder enforces. */
    public DecodeLimits limits() {
        return limits;
    }

    @Override
    public final DecodeResult<T> decode(RawRecord record, long nowMillis) {
        try {
            return DecodeResult.ok(decodeOrReject(record, nowMillis));
        } catch (RejectedInput rejected) {
            return new DecodeResult.Rejected<>(rejected.rejection());
        } catch (RuntimeException e) {
            return DecodeResult.rejected(RejectReason.DECODER_ERROR, String.valueOf(e));
        }
    }

    private T decodeOrReject(RawRecord record, long nowMillis) {
        byte[] value = record == null ? null : record.value();
        if (value == null || value.length == 0) {
            throw JsonFields.reject(RejectReason.MALFORMED_JSON, "empty value");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw JsonFields.reject(
                    RejectReason.OVERSIZED,
                    value.length + " bytes > max " + limits.maxRecordBytes());
        }
        String key = null;
        if (keyRequired) {
            key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key == null || key.isBlank()) {
                throw JsonFields.reject(RejectReason.NULL_KEY, "record key is null or empty");
            }
        }
        JsonFields fields = new JsonFields(parseObject(value));
        int version = fields.intValue("v");
        return read(version, fields, key, nowMillis);
    }

    /**
     * Reads one supported version; throws via {@link #unsupported(int)} for any other.
     *
     * @param key the record key as text if the topic requires one, else {@code null}
     */
    abstract T read(int version, JsonFields fields, String key, long nowMillis);

    static RejectedInput unsupported(int version) {
        return JsonFields.reject(RejectReason.UNSUPPORTED_VERSION, "v=" + version);
    }

    private static JsonNode parseObject(byte[] value) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw JsonFields.reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw JsonFields.reject(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw JsonFields.reject(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        return node;
    }
}
