package org.torchplan.testsupport;

/**
 * One distribution pip decided to install, from the {@code install} array of its {@code --report}.
 *
 * @param name    the project name as its METADATA spells it
 * @param version the version pip picked, local label included ({@code 2.12.0+cu126})
 * @param url     where pip would download it from ({@code download_info.url})
 */
public record PipInstallChoice(String name, String version, String url) {
}
