package io.reelstream.schemas.cmcd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredFieldParserTest {

    @Test
    void shouldParseEveryBareItemType() throws Exception {
        Map<String, Object> dict =
                StructuredFieldParser.parseDictionary(
                        "i=42, n=-7, d=1.08, s=\"a \\\"q\\\" \\\\\", t=v, b=:aGVsbG8=:, f=?0, flag");

        assertThat(dict)
                .containsEntry("i", 42L)
                .containsEntry("n", -7L)
                .containsEntry("d", new BigDecimal("1.08"))
                .containsEntry("s", "a \"q\" \\")
                .containsEntry("t", new SfToken("v"))
                .containsEntry("f", false)
                .containsEntry("flag", true);
        assertThat((byte[]) dict.get("b")).isEqualTo("hello".getBytes());
        assertThat(dict.keySet()).containsExactly("i", "n", "d", "s", "t", "b", "f", "flag");
    }

    @Test
    void shouldParseInnerListsAndDropParameters() throws Exception {
        Map<String, Object> dict =
                StructuredFieldParser.parseDictionary("br=(3200 1500);a=1, x=5;p=\"q\", y;z=?1");

        assertThat(dict)
                .containsEntry("br", List.of(3200L, 1500L))
                .containsEntry("x", 5L)
                .containsEntry("y", true);
    }

    @Test
    void shouldKeepLastValueOfRepeatedKeyAtItsFirstPosition() throws Exception {
        Map<String, Object> dict = StructuredFieldParser.parseDictionary("a=1,b=2,a=3");
        assertThat(dict).containsEntry("a", 3L).containsEntry("b", 2L);
        assertThat(dict.keySet()).containsExactly("a", "b");
    }

    @Test
    void shouldParseEmptyInputAsEmptyDictionary() throws Exception {
        assertThat(StructuredFieldParser.parseDictionary("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a=1,",
                "A=1",
                "a=\"unterminated",
                "a=?2",
                "a=1.2345",
                "a=1234567890123456",
                "a=1 b=2",
                "a=(1 2",
                "a=:not base64!:",
                "a=\"bad \\n escape\"",
                "a=",
                "a=@"
            })
    void shouldRejectMalformedDictionaries(String text) {
        assertThatThrownBy(() -> StructuredFieldParser.parseDictionary(text))
                .isInstanceOf(StructuredFieldException.class);
    }
}
