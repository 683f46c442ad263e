package org.torchplan.policy.binding;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.policy.FleetPolicy;
import org.springframework.core.convert.converter.Converter;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Requirement;

/**
 * Parses policy values with the same parsers requests use, so the policy and requests cannot disagree on a name; and
 * makes the bound properties the {@link FleetPolicy} bean every plan takes.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    FleetPolicy fleetPolicy(PolicyProperties properties) {
        return properties.policy();
    }

    // static: converters for binding must exist before the configuration properties they bind

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, ComputeBackend> computeBackendConverter() {
        return new Converter<>() {
            @Override
            public ComputeBackend convert(String source) {
                return ComputeBackend.parse(source.strip());
            }
        };
    }

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Channel> channelConverter() {
        return new Converter<>() {
            @Override
            public Channel convert(String source) {
                return Channel.parse(source.strip());
            }
        };
    }

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Requirement> requirementConverter() {
        return new Converter<>() {
            @Override
            public Requirement convert(String source) {
                return Requirement.parse(source.strip());
            }
        };
    }
}
