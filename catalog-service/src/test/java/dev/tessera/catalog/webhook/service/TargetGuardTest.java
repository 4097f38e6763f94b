package dev.tessera.catalog.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    @Test
    void internalAddressesAreRecognisedInEveryNotation() throws Exception {
        for (String internal : new String[] {
            "127.0.0.1", "10.0.0.8", "172.16.4.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
            "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"
        }) {
            assertThat(TargetGuard.internal(InetAddress.getByName(internal)))
                    .as(internal)
                    .isTrue();
        }
        for (String external : new String[] {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"}) {
            assertThat(TargetGuard.internal(InetAddress.getByName(external)))
                    .as(external)
                    .isFalse();
        }
    }

    @Test
    void ipv6AddressesThatCarryAnIpv4AddressAreAllRefused() throws Exception {
        // NAT64, 6to4, Teredo, IPv4-compatible and IPv4-translated forms: a gateway on the path may turn
        // them into the IPv4 address inside, internal or not, so none of them is a safe target.
        for (String embedding : new String[] {
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::808:808",
            "64:ff9b:1::a00:1",
            "2002:7f00:1::1",
            "2002:a00:1::",
            "2002:808:808::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "::7f00:1",
            "::a00:1",
            "::808:808",
            "::ffff:0:a00:1",
            "::ffff:0:808:808"
        }) {
            assertThat(TargetGuard.internal(InetAddress.getByName(embedding)))
                    .as(embedding)
                    .isTrue();
        }
    }

    @Test
    void signaturesAreHmacSha256OfTheBodyInHex() {
        // RFC 4231 test case 2.
        String signature = Signatures.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
