package vn.lgsp.bench.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Benchmark system (c): Spring Boot + Camel on their defaults, forwarding every request to one backend. */
@SpringBootApplication
public class BareCamelProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareCamelProxyApplication.class, args);
    }
}
