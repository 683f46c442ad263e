package org.torchplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.torchplan.catalog.storage.EmbeddedSnapshot;

/** The torchplan service: install plans for PyTorch wheels. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TorchplanApplication {

    /**
     * With this set, the service stops as soon as it is ready (after the warm-up): the training start-up that
     * records a class-data archive or AOT cache (scripts/start-archive, the Dockerfile) runs the whole way to ready,
     * so the archive also holds what the warm-up loads and, on JDK 25, how the plan path ran.
     */
    static final String TRAINING_RUN = "torchplan.training-run";

    public static void main(String[] args) {
        EmbeddedSnapshot.preload(); // read on another core while the context is built
        ConfigurableApplicationContext context = SpringApplication.run(TorchplanApplication.class, args);
        if (context.getEnvironment().getProperty(TRAINING_RUN, Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
