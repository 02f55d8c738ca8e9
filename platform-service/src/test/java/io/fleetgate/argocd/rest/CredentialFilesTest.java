package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

  private static final String TOKEN =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmbGVldGdhdGUifQ.c2lnbmF0dXJl";

  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("credentials"), text);
  }

  @Test
  void readsATokenAloneInItsFile() throws IOException {
    assertThat(CredentialFiles.token(file("\n  " + TOKEN + "  \r\n\n")).value()).isEqualTo(TOKEN);
  }

  @Test
  void neverShowsTheTokenInText() throws IOException {
    BearerToken token = CredentialFiles.token(file(TOKEN));
    assertThat(token.toString()).doesNotContain(TOKEN).contains("redacted");
    assertThat(token.header()).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void refusesATokenFileWithTwoTokensNamingTheLineButNotTheTokens() throws IOException {
    Path file = file(TOKEN + "\n\nsecond-" + TOKEN + "\n");
    assertThatThrownBy(() -> CredentialFiles.token(file))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MISCONFIGURED))
        .hasMessage(
            "The Argo CD credentials file "
                + file
                + " line 3: a token file holds the token alone on one line")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void refusesTextThatCannotBeAToken() throws IOException {
    Path file = file("Bearer " + TOKEN);
    assertThatThrownBy(() -> CredentialFiles.token(file))
        .hasMessageContaining(file + " line 1: this is not an Argo CD token")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void refusesAnEmptyTokenFile() throws IOException {
    Path file = file("\n \n");
    assertThatThrownBy(() -> CredentialFiles.token(file)).hasMessageContaining("holds no token");
  }

  @Test
  void refusesAFileTooLargeToBeCredentialsWithoutReadingItAll() throws IOException {
    Path file = file("a".repeat(CredentialFiles.MAX_BYTES + 1));
    assertThatThrownBy(() -> CredentialFiles.token(file))
        .hasMessageContaining("is larger than 65536 bytes");
  }

  @Test
  void refusesAMissingFileSayingWhatToCheck() {
    Path file = dir.resolve("absent");
    assertThatThrownBy(() -> CredentialFiles.token(file))
        .hasMessage(
            "The Argo CD credentials file "
                + file
                + " cannot be read (NoSuchFileException); check that it exists and that Fleetgate may read it");
  }

  @Test
  void readsAnAccountsUsernameAndPassword() throws IOException {
    var account = CredentialFiles.account(file("admin\r\n p@ss word \n"));
    assertThat(account.username()).isEqualTo("admin");
    assertThat(account.password()).isEqualTo(" p@ss word ");
    assertThat(account.toString()).doesNotContain("p@ss");
  }

  @Test
  void refusesAnAccountWithoutPasswordNamingLineTwo() throws IOException {
    Path file = file("admin\n");
    assertThatThrownBy(() -> CredentialFiles.account(file))
        .hasMessageContaining(
            file
                + " line 2: no password; an account file holds the Argo CD username on line 1 and its password on line 2");
  }

  @Test
  void refusesAnAccountFileWithMoreThanTwoLinesWithoutQuotingThem() throws IOException {
    Path file = file("admin\nsecret-password\nextra-secret\n");
    assertThatThrownBy(() -> CredentialFiles.account(file))
        .hasMessageContaining("line 3")
        .message()
        .doesNotContain("secret");
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    assertThatThrownBy(() -> CredentialFiles.account(file))
        .hasMessageContaining("is not UTF-8 text");
  }
}
