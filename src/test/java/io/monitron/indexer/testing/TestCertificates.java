package io.monitron.indexer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * PEM files for an HTTPS test node: a fresh CA, and a node certificate for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1} signed by it. Keys are EC P-256 and never leave the folder they are written to.
 *
 * @param caCertificate the CA certificate (PEM); what a client trusts
 * @param nodeCertificateChain the node certificate followed by the CA certificate (PEM), so the node presents its chain
 * @param nodeKey the node's private key (unencrypted PKCS#8 PEM)
 */
public record TestCertificates(Path caCertificate, Path nodeCertificateChain, Path nodeKey) {

    private static final Duration VALIDITY = Duration.ofDays(30);

    /** Makes a new CA and node certificate and writes them as {@code ca.crt}, {@code node.crt}, {@code node.key}. */
    public static TestCertificates create(Path folder) {
        try {
            Files.createDirectories(folder);
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=monitron-indexer test CA");
            X509Certificate ca = sign(
                    new JcaX509v3CertificateBuilder(
                                    caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            .addExtension(
                                    Extension.subjectKeyIdentifier,
                                    false,
                                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic())),
                    caKeys);

            KeyPair nodeKeys = newKeyPair();
            GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
            });
            X509Certificate node = sign(
                    new JcaX509v3CertificateBuilder(
                                    ca,
                                    serial(),
                                    notBefore(),
                                    notAfter(),
                                    new X500Name("CN=localhost"),
                                    nodeKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    false,
                                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                            .addExtension(Extension.subjectAlternativeName, false, names)
                            .addExtension(
                                    Extension.authorityKeyIdentifier,
                                    false,
                                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca)),
                    caKeys);

            TestCertificates files = new TestCertificates(
                    folder.resolve("ca.crt"), folder.resolve("node.crt"), folder.resolve("node.key"));
            Files.writeString(files.caCertificate(), pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(
                    files.nodeCertificateChain(),
                    pem("CERTIFICATE", node.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(
                    files.nodeKey(), pem("PRIVATE KEY", nodeKeys.getPrivate().getEncoded()));
            return files;
        } catch (IOException e) { // includes BouncyCastle's CertIOException from addExtension
            throw new UncheckedIOException("cannot write test certificates to " + folder, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    /** Reads every certificate in a PEM file. */
    public static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificates from " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PEM certificate file: " + pem, e);
        }
    }

    /**
     * The SHA-256 fingerprint of a certificate's DER encoding as lower-case hex without separators, the form
     * Elasticsearch prints for its HTTP CA and elasticsearch-java's {@code TransportUtils.sslContextFromCaFingerprint}
     * accepts.
     */
    public static String sha256Fingerprint(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** An SSL context that trusts exactly the certificates in a PEM file. */
    public static SSLContext sslContextTrusting(Path caPem) {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int n = 0;
            for (X509Certificate certificate : readCertificates(caPem)) {
                trustStore.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + caPem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSL context trusting " + caPem, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static BigInteger serial() {
        return new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
    }

    // a little in the past so that small clock differences between processes do not make the certificate "not yet
    // valid"
    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
