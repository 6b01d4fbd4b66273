package io.reelstream.tests.ops;

import io.reelstream.tests.support.RepositoryRoot;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.description.HtmlFormatter;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} is generated from the typed {@code ConfigOption}s of every {@code
 * *Options} class; this test fails when the committed file is out of date. Regenerate with {@code
 * mvn -pl tests test -Dtest=ConfigurationDocsTest -Dreelstream.docs.regenerate=true}.
 */
class ConfigurationDocsTest {

    private static final String REGENERATE = "reelstream.docs.regenerate";

    @Test
    void configurationReferenceIsUpToDate() throws Exception {
        Path file = RepositoryRoot.path().resolve("docs/configuration.md");
        String expected = render();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(file).as("run with -D%s=true to create it", REGENERATE).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: run with -D%s=true", REGENERATE)
                .isEqualTo(expected);
    }

    static String render() throws IllegalAccessException {
        Map<String, List<ConfigOption<?>>> byClass = new TreeMap<>();
        for (JavaClass type :
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.reelstream")) {
            if (!type.getSimpleName().endsWith("Options") || type.isNestedClass()) {
                continue;
            }
            List<ConfigOption<?>> options = new ArrayList<>();
            for (Field field : type.reflect().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    options.add((ConfigOption<?>) field.get(null));
                }
            }
            if (!options.isEmpty()) {
                options.sort(Comparator.comparing(ConfigOption::key));
                byClass.put(type.getName(), options);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append(
                        "Generated from the typed `ConfigOption`s in the code by `ConfigurationDocsTest`")
                .append(" (do not edit by hand).\nSet options in a job's Flink configuration")
                .append(
                        " (`flinkConfiguration` of its FlinkDeployment) or as `--key value` program")
                .append(
                        " arguments; a value `env:NAME` is read from the environment variable NAME.\n")
                .append(
                        "A deprecated key (the name of an option in an earlier release) still works;")
                .append(
                        " Flink logs a warning when it is used and the key of the first column wins")
                .append(" when both are set.\n");
        for (Map.Entry<String, List<ConfigOption<?>>> entry : byClass.entrySet()) {
            md.append("\n## `").append(entry.getKey()).append("`\n\n");
            md.append("| key | default | description | deprecated keys |\n|---|---|---|---|\n");
            for (ConfigOption<?> option : entry.getValue()) {
                md.append("| `")
                        .append(option.key())
                        .append("` | ")
                        .append(defaultValue(option))
                        .append(" | ")
                        .append(description(option))
                        .append(" | ")
                        .append(deprecatedKeys(option))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String defaultValue(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(none)";
        }
        Object value = option.defaultValue();
        String text =
                value instanceof Duration d
                        ? org.apache.flink.util.TimeUtils.formatWithHighestUnit(d)
                        : String.valueOf(value);
        return "`" + text.replace("|", "\\|") + "`";
    }

    /** Keys of earlier releases that still work (Flink logs a warning when one is used). */
    private static String deprecatedKeys(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        for (FallbackKey key : option.fallbackKeys()) {
            if (key.isDeprecated()) {
                keys.add("`" + key.getKey() + "`");
            }
        }
        return String.join(", ", keys);
    }

    private static String description(ConfigOption<?> option) {
        String html = new HtmlFormatter().format(option.description());
        return html.replaceAll("<[^>]+>", " ")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("|", "\\|")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
