package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.GrpcCompression;
import org.junit.jupiter.api.Test;

class DriverStubsTest {

  @Test
  void theDriverSendsUncompressedUnlessGzipIsAskedFor() {
    assertThat(DriverStubs.compression(null)).isEqualTo(GrpcCompression.NONE);
    assertThat(DriverStubs.compression(" ")).isEqualTo(GrpcCompression.NONE);
    assertThat(DriverStubs.compression("none")).isEqualTo(GrpcCompression.NONE);
    assertThat(DriverStubs.compression("GZIP")).isEqualTo(GrpcCompression.GZIP);
  }

  @Test
  void anotherValueIsRefusedNamingTheVariableAndWhatIsAllowed() {
    assertThatThrownBy(() -> DriverStubs.compression("zstd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TLH_DRIVER_GRPC_COMPRESSION: \"zstd\" is not a compression (allowed: none, gzip)");
  }
}
