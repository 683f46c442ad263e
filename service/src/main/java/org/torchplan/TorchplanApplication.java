package org.torchplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The torchplan service: install plans for PyTorch wheels. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TorchplanApplication {

    public static void main(String[] args) {
        SpringApplication.run(TorchplanApplication.class, args);
    }
}
