package io.fleetgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

  @Test
  void storesOnlyAHashAndAuthenticatesTheSecret(@TempDir Path data) throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Tokens tokens = new Tokens(store.tokens());

      Tokens.Issued issued = tokens.create("ci", Role.OPERATOR);

      assertThat(issued.secret()).startsWith("fgt_").hasSizeGreaterThan(40);
      assertThat(issued.toString()).doesNotContain(issued.secret());
      assertThat(tokens.authenticate(issued.secret()))
          .hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.OPERATOR));
      assertThat(tokens.authenticate(issued.secret() + "x")).isEmpty();
      assertThat(tokens.authenticate("not-a-token")).isEmpty();
      try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.file());
          var rows = connection.createStatement().executeQuery("SELECT * FROM api_tokens")) {
        rows.next();
        for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
          assertThat(String.valueOf(rows.getObject(column))).doesNotContain(issued.secret());
        }
      }
      assertThatThrownBy(() -> tokens.create("ci", Role.VIEWER)).hasMessageContaining("exists");
      assertThatThrownBy(() -> tokens.create("bad name", Role.VIEWER))
          .hasMessageContaining("token name");
      assertThat(store.tokens().revoke("ci")).isTrue();
      assertThat(tokens.authenticate(issued.secret())).isEmpty();
    }
  }

  @Test
  void aProvisionedTokenIsAcceptedWhileThisProcessRunsAndNeverStored(@TempDir Path data)
      throws Exception {
    String secret = "fgt_Zq3xV9mK2pL7nR4tW8yB1cD6fG0hJ5sE-_uIoAaXkMv";
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Tokens tokens = new Tokens(store.tokens());
      tokens.provisioned("file-viewer", Role.VIEWER, secret);

      assertThat(tokens.authenticate(secret))
          .hasValueSatisfying(
              t -> {
                assertThat(t.role()).isEqualTo(Role.VIEWER);
                assertThat(t.name()).isEqualTo("file-viewer");
              });
      assertThat(store.tokens().tokens()).isEmpty();
      assertThat(new Tokens(store.tokens()).authenticate(secret))
          .as("gone with the process")
          .isEmpty();
    }
  }

  @Test
  void aProvisionedTokenTooShortOrOfOtherCharactersIsRefusedWithoutQuotingIt() {
    for (String bad :
        new String[] {
          null,
          "",
          "fgt_short",
          "fgt_" + "a".repeat(42),
          "xyz_" + "a".repeat(43),
          "fgt_" + "a".repeat(42) + "=",
          "fgt_" + "a".repeat(42) + "\n",
          "fgt_" + "A".repeat(43),
          "fgt_" + "abcdefgh".repeat(6)
        }) {
      assertThatThrownBy(() -> Tokens.requireWellMade(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("aaaa", "short"));
    }
  }

  @Test
  void rolesIncludeTheOnesBelow() {
    assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    assertThatThrownBy(() -> Role.parse("root"))
        .hasMessage("role must be viewer, operator or admin, not 'root'");
  }
}
