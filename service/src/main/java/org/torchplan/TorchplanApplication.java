package org.torchplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.torchplan.catalog.storage.EmbeddedSnapshot;

/** The torchplan service: install plans for PyTorch wheels. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TorchplanApplication {

    public static void main(String[] args) {
        EmbeddedSnapshot.preload(); // read on another core while the context is built
        SpringApplication.run(TorchplanApplication.class, args);
    }
}
