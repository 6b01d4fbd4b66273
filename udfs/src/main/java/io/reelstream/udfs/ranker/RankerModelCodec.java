package io.reelstream.udfs.ranker;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The model topic's record format, version 1: a JSON envelope {@code {"v":1, "model_version":…,
 * "feature_set_version":…, "format":"xgboost-json", "published_at":…, "model":{…}}} with the
 * XGBoost model embedded as JSON, so the record is readable with any Kafka tool. Decoding checks
 * that the model parses and was trained on the serving feature set; anything else is rejected to
 * the dead-letter topic.
 */
public final class RankerModelCodec implements EventDecoder<RankerModelUpdate> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String FORMAT = "xgboost-json";

    /** The record value for {@code update}. */
    public static byte[] encode(RankerModelUpdate update) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("v", RankerModelUpdate.CURRENT_VERSION);
            root.put("model_version", update.modelVersion());
            root.put("feature_set_version", update.featureSetVersion());
            root.put("format", FORMAT);
            root.put("published_at", update.publishedAt());
            root.set("model", JSON.readTree(update.modelJson()));
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("model is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public DecodeResult<RankerModelUpdate> decode(RawRecord record, long nowMillis) {
        JsonNode root;
        try {
            root = JSON.readTree(record.value());
        } catch (IOException | RuntimeException e) {
            return DecodeResult.rejected(
                    RejectReason.MALFORMED_JSON, "model record: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return DecodeResult.rejected(
                    RejectReason.MALFORMED_JSON, "model record is not an object");
        }
        if (root.path("v").asInt(-1) != RankerModelUpdate.CURRENT_VERSION) {
            return DecodeResult.rejected(
                    RejectReason.UNSUPPORTED_VERSION, "model record v=" + root.path("v"));
        }
        String version = root.path("model_version").asText("");
        if (version.isEmpty() || !root.path("model").isObject()) {
            return DecodeResult.rejected(
                    RejectReason.MISSING_FIELD, "model record needs model_version and model");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            return DecodeResult.rejected(
                    RejectReason.INVALID_VALUE, "model format " + root.path("format"));
        }
        int featureSet = root.path("feature_set_version").asInt(-1);
        if (featureSet != RankerFeatures.VERSION) {
            return DecodeResult.rejected(
                    RejectReason.UNSUPPORTED_VERSION,
                    "model trained on feature set "
                            + featureSet
                            + ", serving "
                            + RankerFeatures.VERSION);
        }
        byte[] model;
        try {
            model = JSON.writeValueAsBytes(root.path("model"));
            GbdtModel parsed = GbdtModel.fromXgboostJson(version, model);
            if (!parsed.featureNames().equals(RankerFeatures.NAMES)) {
                return DecodeResult.rejected(
                        RejectReason.INVALID_VALUE, "model features " + parsed.featureNames());
            }
        } catch (IOException | IllegalArgumentException e) {
            return DecodeResult.rejected(RejectReason.INVALID_VALUE, "model: " + e.getMessage());
        }
        return DecodeResult.ok(
                new RankerModelUpdate(
                        RankerModelUpdate.CURRENT_VERSION,
                        version,
                        featureSet,
                        model,
                        root.path("published_at").asLong(0)));
    }
}
