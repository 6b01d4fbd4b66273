package io.reelstream.tests.evolution;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A previous release's savepoint names the classes of its state (POJO serializer snapshots, enum
 * serializers, serializer snapshots); a class moved or renamed since makes that savepoint
 * unrestorable. The restore ITCases find that after minutes on real services; this finds it in a
 * second, on every fixture in {@code src/test/resources/savepoints}. A class named here stays where
 * it is, or its state migrates with a new fixture.
 */
class SavepointClassNamesTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "savepoints");
    private static final Pattern CLASS_NAME = Pattern.compile("io\\.reelstream\\.[A-Za-z0-9_.$]+");

    @Test
    void shouldStillLoadEveryClassThatAPreviousReleasesSavepointNames() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path file : files.filter(SavepointClassNamesTest::isSavepointFile).toList()) {
                named.addAll(classNames(Files.readAllBytes(file)));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : named) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }

        assertThat(named)
                .as("class names found in the savepoint fixtures")
                .contains(
                        "io.reelstream.schemas.events.PlaybackEvent",
                        "io.reelstream.udfs.qoe.HoltBaseline",
                        "io.reelstream.udfs.continuewatching.TitleProgress",
                        "io.reelstream.udfs.recs.UserModelState");
        assertThat(missing).as("classes a previous release's savepoint names").isEmpty();
    }

    private static boolean isSavepointFile(Path file) {
        return Files.isRegularFile(file)
                && file.getParent().getFileName().toString().equals("savepoint");
    }

    /**
     * The {@code io.reelstream} names in a savepoint file. Names are written as modified UTF-8 with
     * a two-byte length in front, so a match is cut to that length when the bytes before it say so
     * (the byte after a name may happen to be a letter).
     */
    static Set<String> classNames(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Set<String> names = new TreeSet<>();
        Matcher m = CLASS_NAME.matcher(text);
        while (m.find()) {
            String name = m.group();
            int start = m.start();
            if (start >= 2) {
                int length = ((bytes[start - 2] & 0xff) << 8) | (bytes[start - 1] & 0xff);
                if (length > 0 && length < name.length()) {
                    name = name.substring(0, length);
                }
            }
            names.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        }
        return names;
    }
}
