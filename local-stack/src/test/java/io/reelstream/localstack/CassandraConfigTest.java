package io.reelstream.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir Path dir;

    @Test
    void shouldPutAllStorageUnderDataDirAndBindLoopback() throws Exception {
        JsonNode yaml = parse(config(false, OptionalInt.empty()));

        assertThat(yaml.get("cluster_name").asText()).isEqualTo("local");
        assertThat(yaml.get("data_file_directories").get(0).asText())
                .isEqualTo(dir.resolve("data").toString());
        assertThat(yaml.get("commitlog_directory").asText())
                .isEqualTo(dir.resolve("commitlog").toString());
        assertThat(yaml.get("saved_caches_directory").asText())
                .isEqualTo(dir.resolve("saved_caches").toString());
        assertThat(yaml.get("hints_directory").asText()).isEqualTo(dir.resolve("hints").toString());
        assertThat(yaml.get("listen_address").asText()).isEqualTo("127.0.0.1");
        assertThat(yaml.get("rpc_address").asText()).isEqualTo("127.0.0.1");
        assertThat(yaml.get("native_transport_port").asInt()).isEqualTo(19042);
        assertThat(yaml.get("storage_port").asInt()).isEqualTo(17000);
        assertThat(yaml.at("/seed_provider/0/parameters/0/seeds").asText())
                .isEqualTo("127.0.0.1:17000");
        assertThat(yaml.get("num_tokens").asInt()).isEqualTo(1);
        assertThat(yaml.get("endpoint_snitch").asText()).isEqualTo("SimpleSnitch");
        assertThat(yaml.get("commitlog_sync").asText()).isEqualTo("periodic");
        assertThat(yaml.get("memtable_allocation_type").asText()).isEqualTo("offheap_objects");
        assertThat(yaml.get("memtable_heap_space").asText()).isEqualTo("128MiB");
        assertThat(yaml.get("memtable_offheap_space").asText()).isEqualTo("512MiB");
    }

    @Test
    void shouldAllowAllByDefaultAndUsePasswordsWhenAsked() throws Exception {
        assertThat(parse(config(false, OptionalInt.empty())).get("authenticator").asText())
                .isEqualTo("AllowAllAuthenticator");

        JsonNode secured = parse(config(true, OptionalInt.empty()));
        assertThat(secured.get("authenticator").asText()).isEqualTo("PasswordAuthenticator");
        assertThat(secured.get("authorizer").asText()).isEqualTo("CassandraAuthorizer");
    }

    @Test
    void shouldKeepDefaultConcurrentWritesUnlessForced() throws Exception {
        assertThat(parse(config(false, OptionalInt.empty())).has("concurrent_writes")).isFalse();
        assertThat(parse(config(false, OptionalInt.of(2))).get("concurrent_writes").asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldQuotePathsWithSpecialCharacters() throws Exception {
        Path odd = dir.resolve("it's: a #dir");
        CassandraConfig config =
                new CassandraConfig("c", odd, "127.0.0.1", 1, 2, false, OptionalInt.empty());

        JsonNode yaml = YAML.readTree(config.toYaml());

        assertThat(yaml.get("commitlog_directory").asText())
                .isEqualTo(odd.resolve("commitlog").toString());
    }

    @Test
    void shouldWriteYamlFile() throws Exception {
        CassandraConfig config = config(false, OptionalInt.empty());
        Path file = dir.resolve("conf").resolve("cassandra.yaml");

        config.writeTo(file);

        assertThat(Files.readString(file)).isEqualTo(config.toYaml());
    }

    @Test
    void shouldLetCassandraPickTheTokenOfANodeAlone() throws Exception {
        assertThat(parse(config(false, OptionalInt.empty())).has("initial_token")).isFalse();
    }

    @Test
    void shouldJoinTheSeedWithItsOwnAddressAndTokenInARing() throws Exception {
        JsonNode yaml =
                parse(
                        new CassandraConfig(
                                "ring",
                                dir,
                                "127.0.0.2",
                                19042,
                                17000,
                                false,
                                OptionalInt.empty(),
                                "127.0.0.1:17000",
                                OptionalLong.of(0)));

        assertThat(yaml.get("listen_address").asText()).isEqualTo("127.0.0.2");
        assertThat(yaml.get("rpc_address").asText()).isEqualTo("127.0.0.2");
        assertThat(yaml.at("/seed_provider/0/parameters/0/seeds").asText())
                .isEqualTo("127.0.0.1:17000");
        assertThat(yaml.get("initial_token").asText()).isEqualTo("0");
        assertThat(yaml.get("num_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRejectUnresolvedOrEqualPorts() {
        assertThatThrownBy(
                        () ->
                                new CassandraConfig(
                                        "c", dir, "127.0.0.1", 0, 2, false, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new CassandraConfig(
                                        "c", dir, "127.0.0.1", 3, 3, false, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CassandraConfig config(boolean passwords, OptionalInt concurrentWrites) {
        return new CassandraConfig(
                "local", dir, "127.0.0.1", 19042, 17000, passwords, concurrentWrites);
    }

    private static JsonNode parse(CassandraConfig config) throws Exception {
        return YAML.readTree(config.toYaml());
    }
}
