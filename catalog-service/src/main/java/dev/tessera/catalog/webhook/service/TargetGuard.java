package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard. A webhook makes the catalog send requests on a user's behalf, so a target may not point
 * into the platform's own network: loopback, link-local (cloud metadata lives at 169.254.169.254),
 * private, unique-local, carrier-grade NAT, multicast and unspecified addresses are refused, and so is every
 * IPv6 form that carries an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible, -mapped, -translated), as are
 * schemes other than http and https, credentials in the URL, and well-known metadata host names. Every
 * address a name resolves to is checked, when subscribing and again before each delivery (a name may be
 * re-pointed later). Operators exempt trusted hosts with {@code tessera.catalog.webhooks.allowed-targets}.
 */
@ApplicationScoped
public class TargetGuard {

    private static final Set<String> METADATA_HOSTS =
            Set.of("metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal");

    @Inject
    CatalogConfig config;

    /**
     * The verdict on a target: why it is refused, or the checked address a delivery must connect to
     * (null for an allow-listed host, which is resolved as usual). Connecting to the address that was
     * checked, rather than resolving the name again, closes the window in which a receiver's DNS could
     * answer with an internal address after the check (DNS rebinding).
     */
    public record Verdict(Optional<String> refusal, InetAddress address) {

        static Verdict refused(String why) {
            return new Verdict(Optional.of(why), null);
        }
    }

    /** Why a target is refused, or empty when it may be called. */
    public Optional<String> refusal(String target) {
        return check(target).refusal();
    }

    /** Checks a target; see {@link Verdict}. */
    public Verdict check(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return Verdict.refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Verdict.refused("must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return Verdict.refused("must not carry credentials; use the subscription secret instead");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Verdict.refused("has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowListed(host, port)) {
            return new Verdict(Optional.empty(), null);
        }
        if (METADATA_HOSTS.contains(host)) {
            return Verdict.refused("points at a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Verdict.refused("has a host name that does not resolve");
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                // The address itself is not named: it would tell a caller what the platform's own
                // names resolve to inside its network.
                return Verdict.refused("resolves to an internal address; ask an operator to allow-list it if it is"
                        + " meant to receive webhooks");
            }
        }
        return new Verdict(Optional.empty(), addresses[0]);
    }

    private boolean allowListed(String host, int port) {
        Set<String> allowed = config.webhooks().allowedTargets().stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty() && !s.equals("none"))
                .collect(Collectors.toSet());
        return allowed.contains(host) || allowed.contains(host + ":" + port);
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            return carriesIpv4(b);
        }
        return false;
    }

    /**
     * True for the IPv6 forms that carry an IPv4 address: IPv4-compatible and IPv4-mapped
     * ({@code ::/96}, {@code ::ffff:0:0/96}), IPv4-translated ({@code ::ffff:0:0:0/96}), NAT64
     * ({@code 64:ff9b::/96} and the local-use {@code 64:ff9b:1::/48}), 6to4 ({@code 2002::/16}) and Teredo
     * ({@code 2001::/32}). A translator or relay on the path may turn them into the IPv4 address inside, so
     * they are refused whatever that address is: a webhook receiver has a native address of either family.
     */
    static boolean carriesIpv4(byte[] b) {
        boolean zeroTo80 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo80 &= b[i] == 0;
        }
        int word5 = ((b[10] & 0xff) << 8) | (b[11] & 0xff);
        if (zeroTo80 && (word5 == 0 || word5 == 0xffff)) {
            return true; // ::a.b.c.d (incl. :: and ::1), ::ffff:a.b.c.d
        }
        boolean zeroTo64 = true;
        for (int i = 0; i < 8; i++) {
            zeroTo64 &= b[i] == 0;
        }
        if (zeroTo64 && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            return true; // ::ffff:0:a.b.c.d
        }
        int word0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int word1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int word2 = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        return (word0 == 0x0064 && word1 == 0xff9b && (word2 == 0 || word2 == 1)) // NAT64
                || word0 == 0x2002 // 6to4
                || (word0 == 0x2001 && word1 == 0); // Teredo
    }
}
