package io.noesis.episode;

import io.noesis.episode.domain.EpisodeLifecycle;
import io.noesis.schemas.serde.RegistrySerdes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's plain-Java collaborators, configured from MicroProfile Config. */
public class EpisodeServiceBeans {

    @Produces
    @Singleton
    RegistrySerdes registrySerdes(@ConfigProperty(name = "noesis.registry.url") String registryUrl) {
        return new RegistrySerdes(registryUrl);
    }

    @Produces
    @Singleton
    EpisodeLifecycle lifecycle(
            @ConfigProperty(name = "noesis.episode.default-approval-timeout", defaultValue = "PT24H") Duration timeout) {
        return new EpisodeLifecycle(timeout);
    }
}
