package vn.lgsp.hub.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * Issues and checks the hub's Bearer tokens: HS256-signed JWTs carrying the client id and agency code.
 * Signed tokens validate on every node sharing the key; revocation is by removing the client from the
 * catalog, which the caller checks after {@link #verify}.
 */
public final class TokenService {

    /** A token as answered by {@code POST /token}. */
    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }

    /** What a valid token says. */
    public record TokenClaims(String clientId, String agencyCode, Instant expiresAt) {
    }

    private static final String ISSUER = "lgsp-hub";
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    /** @param signingKey at least 32 bytes, shared by every node of one hub */
    public TokenService(byte[] signingKey, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(signingKey);
            this.verifier = new MACVerifier(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("token signing key must be at least 256 bits", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    public IssuedToken issue(String clientId, String agencyCode) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(clientId)
                .claim("agency", agencyCode)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    /** Checks signature, issuer and expiry; throws {@link HubException} AUTH_INVALID otherwise. */
    public TokenClaims verify(String token) {
        if (token == null) {
            throw new HubException(HubError.AUTH_INVALID, "the token is malformed");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new HubException(HubError.AUTH_INVALID, "the token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || exp == null || claims.getSubject() == null) {
                throw new HubException(HubError.AUTH_INVALID, "the token was not issued by this hub");
            }
            if (!exp.toInstant().isAfter(clock.instant())) {
                throw new HubException(HubError.AUTH_INVALID, "the token has expired; request a new one at /token");
            }
            return new TokenClaims(claims.getSubject(), claims.getStringClaim("agency"), exp.toInstant());
        } catch (ParseException | JOSEException e) {
            throw new HubException(HubError.AUTH_INVALID, "the token is malformed");
        }
    }
}
