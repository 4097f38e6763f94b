package dev.tessera.cli.http;

import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.auth.Credentials;

/** The platform client a command uses: the gateway from {@code --url}, the token from {@link Credentials}. */
public final class Clients {

    private Clients() {}

    public static Api api(CommonOptions common) {
        return new Api(common.baseUrl(), Credentials::token);
    }
}
