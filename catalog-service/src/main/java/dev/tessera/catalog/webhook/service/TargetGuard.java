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
 * private, unique-local, carrier-grade NAT, multicast and unspecified addresses are refused, as are
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
                return Verdict.refused("resolves to an internal address (" + a.getHostAddress()
                        + "); ask an operator to allow-list it if it is meant to receive webhooks");
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
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
