package io.reelstream.udfs.qoe.cmcd;

import io.reelstream.schemas.cmcd.CmcdPayload;
import io.reelstream.schemas.cmcd.CmcdTransport;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.udfs.qoe.CmcdSignals;
import io.reelstream.udfs.qoe.PlaybackSample;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes the example strings of CTA-5004 (section 5 examples) wrapped in the cmcd contract. */
class CmcdDecoderTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long EVENT_TIME = NOW - 1_000;
    private static final String SID = "6e2fb550-c457-11e9-bb97-0800200c9a66";
    private static final String CID = "faec5fc2-ac30-11eabb37-0242ac130002";

    /** CTA-5004 example "sending all keys in the query" (percent-encoded CMCD parameter). */
    private static final String STANDARD_QUERY =
            "https://cdn.example/300kbps/segment35.m4v?CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Ccid%3D%22"
                    + "faec5fc2-ac30-11eabb37-0242ac130002%22%2Cd%3D4004%2Cdl%3D18500%2Cmtp%3D48100"
                    + "%2Cnor%3D%22..%252F300kbps%252Ftrack.m4v%22%2Cnrr%3D%2212323-48763%22%2Cot%3Dv"
                    + "%2Cpr%3D1.08%2Crtp%3D12000%2Csf%3Dd%2Csid%3D%226e2fb550-c457-11e9-bb97-0800200c9a66"
                    + "%22%2Cst%3Dv%2Csu%2Ctb%3D6000";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CmcdDecoder decoder = new CmcdDecoder(16_384, 300_000);

    @Test
    void shouldDecodeStandardQueryExampleWithEveryV1Key() throws Exception {
        Map<String, Object> dict = CmcdTransport.fromQuery(STANDARD_QUERY);
        CmcdPayload cmcd = CmcdPayload.of(dict);

        assertThat(cmcd.bl()).isEqualTo(21300);
        assertThat(cmcd.br()).isEqualTo(3200);
        assertThat(cmcd.bs()).isTrue();
        assertThat(cmcd.cid()).isEqualTo(CID);
        assertThat(cmcd.d()).isEqualTo(4004);
        assertThat(cmcd.dl()).isEqualTo(18500);
        assertThat(cmcd.mtp()).isEqualTo(48100);
        assertThat(cmcd.nor()).isEqualTo("..%2F300kbps%2Ftrack.m4v");
        assertThat(cmcd.nrr()).isEqualTo("12323-48763");
        assertThat(cmcd.ot()).isEqualTo("v");
        assertThat(cmcd.pr()).isEqualByComparingTo("1.08");
        assertThat(cmcd.rtp()).isEqualTo(12000);
        assertThat(cmcd.sf()).isEqualTo("d");
        assertThat(cmcd.sid()).isEqualTo(SID);
        assertThat(cmcd.st()).isEqualTo("v");
        assertThat(cmcd.su()).isTrue();
        assertThat(cmcd.tb()).isEqualTo(6000);
        assertThat(cmcd.version()).isEqualTo(1);
        assertThat(cmcd.otherKeys()).isEmpty();
    }

    @Test
    void shouldDecodeQueryFormIntoARequestWithoutState() throws Exception {
        QoeEvent event = ok(wrapper(Map.of("query", STANDARD_QUERY)));
        CmcdSignals signals = sample(wrapper(Map.of("query", STANDARD_QUERY))).cmcd();

        assertThat(event)
                .isEqualTo(
                        new QoeEvent(
                                QoeEvent.CURRENT_VERSION,
                                "cmcd:evt-1",
                                EVENT_TIME,
                                SID,
                                "user-9",
                                CID,
                                null,
                                21300L,
                                3200,
                                48100,
                                "cdn-a",
                                "isp-x",
                                64500,
                                DeviceType.TV,
                                "US",
                                null));
        // bs is retrospective (starved since the prior request), su is startup urgency
        assertThat(signals.eventMode()).isFalse();
        assertThat(signals.isStarved()).isTrue();
        assertThat(signals.isStartup()).isTrue();
        assertThat(signals.objectDurationMs()).isEqualTo(4004);
        assertThat(signals.objectType()).isEqualTo("v");
        assertThat(signals.playbackRate()).isEqualTo(1.08);
    }

    @Test
    void shouldDecodeStandardHeaderExampleLikeTheQueryForm() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "CMCD-Request",
                "bl=21300,dl=18500,mtp=48100,nor=\"..%2F300kbps%2Ftrack.m4v\",nrr=\"12323-48763\",su");
        headers.put("CMCD-Object", "br=3200,d=4004,ot=v,tb=6000");
        headers.put("CMCD-Status", "bs,rtp=12000");
        headers.put("cmcd-session", "cid=\"" + CID + "\",pr=1.08,sf=d,sid=\"" + SID + "\",st=v");
        headers.put("Accept", "*/*");

        assertThat(CmcdPayload.of(CmcdTransport.fromHeaders(headers)))
                .isEqualTo(CmcdPayload.of(CmcdTransport.fromQuery(STANDARD_QUERY)));
        assertThat(ok(wrapper(Map.of("headers", headers))))
                .isEqualTo(ok(wrapper(Map.of("query", STANDARD_QUERY))));
    }

    @Test
    void shouldDecodeStartupOnlyAndSessionOnlyExamples() throws Exception {
        PlaybackSample starved =
                sample(wrapper(Map.of("query", "?CMCD=bs%2Csu%2Csid%3D%22" + SID + "%22")));
        assertThat(starved.reportsState()).isFalse();
        assertThat(starved.cmcd().isStarved()).isTrue();
        PlaybackSample startup =
                sample(wrapper(Map.of("query", "?CMCD=su%2Csid%3D%22" + SID + "%22")));
        assertThat(startup.reportsState()).isFalse();
        assertThat(startup.cmcd().isStartup()).isTrue();
        assertThat(startup.cmcd().isStarved()).isFalse();
        QoeEvent sessionOnly =
                ok(wrapper(Map.of("headers", Map.of("CMCD-Session", "sid=\"" + SID + "\""))));
        assertThat(sessionOnly.state()).isNull();
        assertThat(sessionOnly.bufferMs()).isNull();
        assertThat(sessionOnly.bitrateKbps()).isNull();
    }

    @Test
    void shouldKeepCustomKeysOfStandardExample() throws Exception {
        String query =
                "?CMCD=d%3D4004%2Ccom.example-myNumericKey%3D500%2Ccom.examplemyStringKey%3D%22"
                        + "myStringValue%22%2Csid%3D%22"
                        + SID
                        + "%22";
        CmcdPayload cmcd = CmcdPayload.of(CmcdTransport.fromQuery(query));

        assertThat(cmcd.otherKeys())
                .containsEntry("com.example-myNumericKey", 500L)
                .containsEntry("com.examplemyStringKey", "myStringValue");
        assertThat(ok(wrapper(Map.of("query", query))).playbackId()).isEqualTo(SID);
    }

    @Test
    void shouldDecodeV2EventReportWithTimestampAndPlayerState() throws Exception {
        long ts = EVENT_TIME - 5_000;
        String body = "e=ps,sid=\"" + SID + "\",sta=r,ts=" + ts + ",v=2,bl=(0 0),br=(1500)";

        QoeEvent event = ok(wrapper(Map.of("body", body)));

        assertThat(event.eventTime()).isEqualTo(ts);
        assertThat(event.state()).isEqualTo(PlayerState.REBUFFERING);
        assertThat(event.bufferMs()).isZero();
        assertThat(event.bitrateKbps()).isEqualTo(1500);
    }

    @Test
    void shouldMapEveryV2PlayerState() throws Exception {
        Map<String, PlayerState> expected =
                Map.of(
                        "s", PlayerState.STARTING,
                        "p", PlayerState.PLAYING,
                        "k", PlayerState.SEEKING,
                        "r", PlayerState.REBUFFERING,
                        "a", PlayerState.PAUSED,
                        "w", PlayerState.WAITING,
                        "e", PlayerState.ENDED,
                        "f", PlayerState.FATAL_ERROR,
                        "q", PlayerState.QUIT);
        for (Map.Entry<String, PlayerState> sta : expected.entrySet()) {
            String body = "sid=\"" + SID + "\",sta=" + sta.getKey() + ",v=2";
            assertThat(ok(wrapper(Map.of("body", body))).state()).isEqualTo(sta.getValue());
        }
    }

    @Test
    void shouldDecodeBareQueryPayloadWithRecordTimeAndNoDeliveryPath() {
        byte[] bare =
                ("CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Cd%3D4004%2Cmtp%3D25400%2Cot%3Dv%2Csid%3D%22pb-1%22")
                        .getBytes(StandardCharsets.UTF_8);

        DecodeResult<List<PlaybackSample>> result = decoder.decode(raw(bare), NOW);

        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        PlaybackSample sample = ((DecodeResult.Ok<List<PlaybackSample>>) result).value().get(0);
        QoeEvent event = sample.event();
        assertThat(event.playbackId()).isEqualTo("pb-1");
        assertThat(event.eventTime()).isEqualTo(NOW);
        assertThat(event.eventId()).isEqualTo("cmcd:cmcd-0-42");
        assertThat(event.state()).isNull();
        assertThat(sample.cmcd().isStarved()).isTrue();
        assertThat(event.bitrateKbps()).isEqualTo(3200);
        assertThat(event.cdn()).isNull();
        assertThat(event.deviceType()).isNull();
    }

    @Test
    void shouldRejectEachKindOfBadRecordWithItsReason() throws Exception {
        assertRejected("{not json".getBytes(StandardCharsets.UTF_8), RejectReason.MALFORMED_JSON);
        assertRejected(
                "this is not json".getBytes(StandardCharsets.UTF_8), RejectReason.MALFORMED_CMCD);
        assertRejected(
                "CMCD=br%3Dabc%2C%2C%3D%22unterminated".getBytes(StandardCharsets.UTF_8),
                RejectReason.MALFORMED_CMCD);
        assertRejected(new byte[0], RejectReason.MALFORMED_JSON);
        assertRejected(new byte[20_000], RejectReason.OVERSIZED);
        assertRejected(
                json(wrapper(Map.of("query", "?CMCD=sid%3D%22x"))), RejectReason.MALFORMED_CMCD);
        assertRejected(json(wrapper(Map.of("query", "?CMCD=sid%3"))), RejectReason.MALFORMED_CMCD);
        assertRejected(
                json(wrapper(Map.of("query", "?CMCD=bl%3D100"))), RejectReason.MISSING_FIELD);
        assertRejected(
                json(wrapper(Map.of("query", "?CMCD=sid%3D%22s%22%2Cbl%3Dfast"))),
                RejectReason.INVALID_VALUE);
        assertRejected(json(wrapper(Map.of())), RejectReason.INVALID_VALUE);
        assertRejected(
                json(wrapper(Map.of("body", "sid=\"s\",sta=z,v=2"))),
                RejectReason.UNKNOWN_ENUM_VALUE);
        assertRejected(
                json(wrapper(Map.of("body", "sid=\"s\",v=3"))), RejectReason.UNSUPPORTED_VERSION);
        assertRejected(
                json(wrapper(Map.of("body", "sid=\"s\",ts=" + (NOW + 3_600_000)))),
                RejectReason.FUTURE_EVENT_TIME);
        assertRejected(
                json(wrapper(Map.of("v", 7, "body", "sid=\"s\""))),
                RejectReason.UNSUPPORTED_VERSION);
        assertRejected(
                json(wrapper(Map.of("deviceType", "FRIDGE", "body", "sid=\"s\""))),
                RejectReason.UNKNOWN_ENUM_VALUE);
        Map<String, Object> noCdn = wrapper(Map.of("body", "sid=\"s\""));
        noCdn.remove("cdn");
        assertRejected(json(noCdn), RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldDecodeEachLineOfABatchedEventBodyAsItsOwnReport() throws Exception {
        String body =
                "e=ps,sid=\""
                        + SID
                        + "\",sn=1,sta=s,ts="
                        + (EVENT_TIME - 3_000)
                        + ",v=2\n"
                        + "e=ps,msd=1250,sid=\""
                        + SID
                        + "\",sn=2,sta=p,ts="
                        + (EVENT_TIME - 1_750)
                        + ",v=2\n\n"
                        + "bsa=(2;ot=v 1;ot=a),bsd=(800 1200),bsda=(2000),dfa=7,e=t,ltc=3100,pt=9000,"
                        + "bg,sid=\""
                        + SID
                        + "\",sn=3,ts="
                        + EVENT_TIME
                        + ",v=2";

        List<PlaybackSample> samples = samples(wrapper(Map.of("body", body)));

        assertThat(samples).hasSize(3);
        assertThat(samples)
                .extracting(PlaybackSample::eventTime)
                .containsExactly(EVENT_TIME - 3_000, EVENT_TIME - 1_750, EVENT_TIME);
        assertThat(samples)
                .extracting(s -> s.event().eventId())
                .containsExactly("cmcd:evt-1#0", "cmcd:evt-1#1", "cmcd:evt-1#2");
        assertThat(samples.get(0).event().state()).isEqualTo(PlayerState.STARTING);
        assertThat(samples.get(1).cmcd().mediaStartDelayMs()).isEqualTo(1250);
        CmcdSignals interval = samples.get(2).cmcd();
        assertThat(samples.get(2).reportsState()).isFalse();
        assertThat(interval.eventMode()).isTrue();
        assertThat(interval.eventType()).isEqualTo("t");
        assertThat(interval.sequence()).isEqualTo(3);
        assertThat(interval.starvationCount()).isEqualTo(2); // largest track entry, not the sum
        assertThat(interval.starvationMs()).isEqualTo(2000);
        assertThat(interval.endedStarvationsMs()).isEqualTo(2000);
        assertThat(interval.endedStarvations()).isEqualTo(2);
        assertThat(interval.droppedFrames()).isEqualTo(7);
        assertThat(interval.playheadMs()).isEqualTo(9000);
        assertThat(interval.liveLatencyMs()).isEqualTo(3100);
        assertThat(interval.backgrounded()).isTrue();
    }

    @Test
    void shouldRejectARecordWholeWhenOneLineOfItsBodyIsMalformed() throws Exception {
        String body = "e=ps,sid=\"" + SID + "\",sta=s,v=2\ne=ps,sid=\"" + SID + "\",9sta=p,v=2";
        assertRejected(json(wrapper(Map.of("body", body))), RejectReason.MALFORMED_CMCD);
    }

    private QoeEvent ok(Map<String, Object> wrapper) throws Exception {
        return sample(wrapper).event();
    }

    private PlaybackSample sample(Map<String, Object> wrapper) throws Exception {
        List<PlaybackSample> samples = samples(wrapper);
        assertThat(samples).hasSize(1);
        return samples.get(0);
    }

    private List<PlaybackSample> samples(Map<String, Object> wrapper) throws Exception {
        DecodeResult<List<PlaybackSample>> result = decoder.decode(raw(json(wrapper)), NOW);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<List<PlaybackSample>>) result).value();
    }

    private void assertRejected(byte[] value, RejectReason reason) {
        DecodeResult<List<PlaybackSample>> result = decoder.decode(raw(value), NOW);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected<List<PlaybackSample>>) result).rejection().reason())
                .isEqualTo(reason);
    }

    private static Map<String, Object> wrapper(Map<String, Object> overrides) {
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("v", 1);
        wrapper.put("eventId", "evt-1");
        wrapper.put("eventTime", EVENT_TIME);
        wrapper.put("userId", "user-9");
        wrapper.put("cdn", "cdn-a");
        wrapper.put("isp", "isp-x");
        wrapper.put("asn", 64500);
        wrapper.put("deviceType", "TV");
        wrapper.put("country", "US");
        wrapper.put("futureField", "ignored");
        wrapper.putAll(overrides);
        return wrapper;
    }

    private static byte[] json(Map<String, Object> wrapper) throws Exception {
        return JSON.writeValueAsBytes(wrapper);
    }

    private static RawRecord raw(byte[] value) {
        return new RawRecord("cmcd", 0, 42L, NOW, null, value);
    }
}
