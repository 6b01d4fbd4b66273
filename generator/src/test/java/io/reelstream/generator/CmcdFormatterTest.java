package io.reelstream.generator;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CmcdFormatterTest {

    @Test
    void shouldWriteSortedUrlEncodedKeysWithQuotedStringsAndBareBooleans() {
        QoeEvent stall =
                new QoeEvent(
                        1,
                        "q",
                        0,
                        "pb-1",
                        "u",
                        "t-9",
                        PlayerState.REBUFFERING,
                        21_290L,
                        3_200,
                        25_420,
                        "cdn-a",
                        null,
                        null,
                        DeviceType.TV,
                        "DE",
                        null);
        assertThat(CmcdFormatter.format(stall))
                .isEqualTo(
                        "CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Ccid%3D%22t-9%22%2Cd%3D4004%2Cmtp%3D25400%2Cot%3Dv%2Csid%3D%22pb-1%22");
    }

    @Test
    void shouldMarkStartupAndLeaveOutUnknownValues() {
        QoeEvent starting =
                new QoeEvent(
                        1,
                        "q",
                        0,
                        "pb-2",
                        null,
                        null,
                        PlayerState.STARTING,
                        null,
                        null,
                        null,
                        "cdn-a",
                        null,
                        null,
                        DeviceType.TV,
                        "DE",
                        null);
        assertThat(CmcdFormatter.format(starting))
                .isEqualTo("CMCD=d%3D4004%2Cot%3Dv%2Csid%3D%22pb-2%22%2Csu");
    }
}
