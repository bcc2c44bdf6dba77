package app.rapport.platform.security;

import app.rapport.platform.tenancy.ClinicIds;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs HS256 tokens the services accept. Used by the local runtime ({@code deploy/local/token}),
 * the tests and the benchmark; production tokens come from the group's identity provider.
 */
public final class TokenMinter {

    public static final String CLINIC_CLAIM = "clinic";
    public static final String ROLES_CLAIM = "roles";
    public static final String CLINICS_CLAIM = "clinics";
    public static final String ISSUER = "rapport";

    private TokenMinter() {
    }

    public static String mint(String secret, String user, String clinicId, List<String> roles, Duration ttl) {
        return mint(secret, user, clinicId, roles, Instant.now().plus(ttl));
    }

    public static String mint(String secret, String user, String clinicId, List<String> roles, Instant expiresAt) {
        return mint(secret, user, clinicId, List.of(), roles, expiresAt);
    }

    /**
     * A token that may also act for, and roll up, the listed clinics (the {@code clinics} claim a group
     * administrator's token carries; ADR 0401/0402). An empty list leaves the claim out.
     */
    public static String mint(String secret, String user, String clinicId, List<String> clinics, List<String> roles,
                              Instant expiresAt) {
        ClinicIds.requireValid(clinicId);
        clinics.forEach(ClinicIds::requireValid);
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("Unknown role " + role + "; known: " + Roles.ALL);
            }
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .claim(CLINIC_CLAIM, clinicId)
                .claim(ROLES_CLAIM, roles)
                .claim(CLINICS_CLAIM, clinics.isEmpty() ? null : clinics)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign token: " + e.getMessage(), e);
        }
    }
}
