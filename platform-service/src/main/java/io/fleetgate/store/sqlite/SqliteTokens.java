package io.fleetgate.store.sqlite;

import io.fleetgate.auth.ApiToken;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.TokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API tokens in the {@code api_tokens} table. */
final class SqliteTokens implements TokenStore {

  private final SqliteDatabase db;

  SqliteTokens(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public ApiToken save(String name, Role role, String secretHash, List<String> groups) {
    if (tokens().stream().anyMatch(t -> t.name().equals(name))) {
      throw new IllegalArgumentException(
          "a token named '" + name + "' exists; choose another name or revoke it first");
    }
    Instant created = db.clock().instant();
    long id =
        db.write(
            "save an API token",
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO api_tokens (name, role, token_hash, created, groups)"
                          + " VALUES (?, ?, ?, ?, ?)",
                      java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setString(2, role.wire());
                insert.setString(3, secretHash);
                insert.setString(4, created.toString());
                insert.setString(5, String.join(",", groups));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                  keys.next();
                  return keys.getLong(1);
                }
              }
            });
    return new ApiToken(id, name, role, created, groups);
  }

  @Override
  public Optional<ApiToken> findByHash(String secretHash) {
    return db.read(
        "look up an API token",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, name, role, created, groups FROM api_tokens WHERE token_hash = ?")) {
            select.setString(1, secretHash);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(token(row)) : Optional.<ApiToken>empty();
            }
          }
        });
  }

  @Override
  public List<ApiToken> tokens() {
    return db.read(
        "list API tokens",
        connection -> {
          List<ApiToken> tokens = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id, name, role, created, groups FROM api_tokens ORDER BY id");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              tokens.add(token(row));
            }
          }
          return tokens;
        });
  }

  @Override
  public boolean revoke(String name) {
    return db.write(
        "revoke an API token",
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
          }
        });
  }

  private static ApiToken token(ResultSet row) throws SQLException {
    return new ApiToken(
        row.getLong(1),
        row.getString(2),
        Role.parse(row.getString(3)),
        Instant.parse(row.getString(4)),
        row.getString(5).isEmpty() ? List.of() : List.of(row.getString(5).split(",")));
  }
}
