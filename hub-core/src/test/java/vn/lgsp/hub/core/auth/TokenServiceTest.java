package vn.lgsp.hub.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/** Issuing and checking the hub's Bearer tokens. */
class TokenServiceTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Duration TTL = Duration.ofMinutes(30);
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(UTF_8);
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final MutableClock clock = new MutableClock(T0);
    final TokenService tokens = new TokenService(KEY, TTL, clock);

    static HubException rejection(TokenService service, String token) {
        HubException e = catchThrowableOfType(() -> service.verify(token), HubException.class);
        assertThat(e).as("verify should refuse %s", token).isNotNull();
        assertThat(e.error()).isEqualTo(HubError.AUTH_INVALID);
        return e;
    }

    static String b64(String json) {
        return B64.encodeToString(json.getBytes(UTF_8));
    }

    @Test
    void issuedTokenVerifiesWithClientAndAgency() {
        TokenService.IssuedToken issued = tokens.issue("stp-app", "000.00.31.H99");
        assertThat(issued.expiresInSeconds()).isEqualTo(1800);
        assertThat(issued.accessToken().split("\\.")).hasSize(3);

        TokenService.TokenClaims claims = tokens.verify(issued.accessToken());
        assertThat(claims.clientId()).isEqualTo("stp-app");
        assertThat(claims.agencyCode()).isEqualTo("000.00.31.H99");
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(TTL));
    }

    @Test
    void anotherNodeWithTheSameKeyAcceptsTheToken() {
        String token = tokens.issue("ndxp-gateway", "NDXP").accessToken();
        TokenService otherNode = new TokenService(KEY.clone(), TTL, clock);
        assertThat(otherNode.verify(token).agencyCode()).isEqualTo("NDXP");
    }

    @Test
    void tokensAreUniqueEvenWithinTheSameInstant() {
        assertThat(tokens.issue("stp-app", "000.00.31.H99").accessToken())
                .isNotEqualTo(tokens.issue("stp-app", "000.00.31.H99").accessToken());
    }

    @Test
    void tokenIsValidUntilItsExpiry() {
        String token = tokens.issue("stp-app", "000.00.31.H99").accessToken();
        clock.set(T0.plus(TTL).minusSeconds(1));
        assertThat(tokens.verify(token).clientId()).isEqualTo("stp-app");
        clock.set(T0.plus(TTL));
        assertThat(rejection(tokens, token).detail()).contains("expired");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = tokens.issue("stp-app", "000.00.31.H99").accessToken();
        clock.set(T0.plus(TTL).plusSeconds(1));
        HubException e = rejection(tokens, token);
        assertThat(e.detail()).contains("expired");
        assertThat(e.error().status()).isEqualTo(401);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[31] ^= 1;
        String foreign = new TokenService(otherKey, TTL, clock).issue("stp-app", "000.00.31.H99").accessToken();
        assertThat(rejection(tokens, foreign).detail()).contains("signature");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = tokens.issue("hoa-binh.mot-cua", "000.00.10.H99").accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
        assertThat(payload).contains("\"000.00.10.H99\"");
        String forged = parts[0] + "." + b64(payload.replace("000.00.10.H99", "000.00.31.H99")) + "." + parts[2];
        assertThat(rejection(tokens, forged).detail()).contains("signature");
    }

    @Test
    void tamperedSignatureIsRefused() {
        String token = tokens.issue("stp-app", "000.00.31.H99").accessToken();
        int last = token.lastIndexOf('.') + 1;
        char c = token.charAt(last);
        String forged = token.substring(0, last) + (c == 'A' ? 'B' : 'A') + token.substring(last + 1);
        rejection(tokens, forged);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String payload = "{\"iss\":\"lgsp-hub\",\"sub\":\"stp-app\",\"agency\":\"000.00.31.H99\",\"exp\":"
                + T0.plus(TTL).getEpochSecond() + "}";
        rejection(tokens, b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".");
        rejection(tokens, b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".");
    }

    @Test
    void otherHmacAlgorithmsAreRefusedEvenWithTheRightKey() throws Exception {
        byte[] longKey = ("0123456789abcdef".repeat(4)).getBytes(UTF_8);
        TokenService service = new TokenService(longKey, TTL, clock);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("lgsp-hub", "stp-app", T0.plus(TTL)));
        jwt.sign(new MACSigner(longKey));
        rejection(service, jwt.serialize());
    }

    @Test
    void correctlySignedTokensOfAnotherIssuerOrWithoutExpiryAreRefused() throws Exception {
        assertThat(rejection(tokens, signed(claims("other-hub", "stp-app", T0.plus(TTL)))).detail())
                .contains("not issued by this hub");
        assertThat(rejection(tokens, signed(claims("lgsp-hub", "stp-app", null))).detail())
                .contains("not issued by this hub");
        assertThat(rejection(tokens, signed(claims("lgsp-hub", null, T0.plus(TTL)))).detail())
                .contains("not issued by this hub");
        assertThat(tokens.verify(signed(claims("lgsp-hub", "stp-app", T0.plus(TTL)))).clientId())
                .as("the hand-made control token").isEqualTo("stp-app");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "a.b.c", "..", "a.b", "eyJ.eyJ.", "%%%.%%%.%%%", "Bearer x.y.z",
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAA.BBBB.CCCC"})
    void garbageIsRefusedAsMalformed(String token) {
        assertThat(rejection(tokens, token).detail()).isEqualTo("the token is malformed");
    }

    @Test
    void signingKeyMustHaveAtLeast256Bits() {
        assertThatThrownBy(() -> new TokenService(new byte[31], TTL, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 256 bits");
        assertThatThrownBy(() -> new TokenService(new byte[0], TTL, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TokenService(Secrets.newSigningKey(), TTL, clock).issue("a", "NDXP").accessToken()).isNotBlank();
    }

    static JWTClaimsSet claims(String issuer, String subject, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("agency", "000.00.31.H99")
                .expirationTime(expiry == null ? null : Date.from(expiry)).build();
    }

    static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(KEY));
        return jwt.serialize();
    }
}
