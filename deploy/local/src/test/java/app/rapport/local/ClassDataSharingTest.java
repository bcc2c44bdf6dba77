package app.rapport.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVMs of the services and the console: C2 with every memory region capped, and an AppCDS
 * archive made once per jar by a training run. The runs use {@link TinyService} as the jar
 * (a second each), started by the same {@link LocalPlatform} code as the real services.
 */
class ClassDataSharingTest {

    private static final RapportService SERVICE = RapportService.CONTACTS;

    @Test
    void longRunningJvmsRunOnC2WithTheirMemoryCapped() {
        List<String> jvm = LocalPlatformOptions.DEFAULT_SERVICE_JVM_OPTIONS;
        assertThat(jvm).as("C1 only (TieredStopAtLevel) is for short-lived JVMs").noneMatch(o -> o.contains("TieredStopAtLevel"));
        assertThat(jvm).contains("-XX:+UseSerialGC")
                .anyMatch(o -> o.startsWith("-Xms"))
                .anyMatch(o -> o.startsWith("-Xmx"))
                .anyMatch(o -> o.startsWith("-Xss"))
                .anyMatch(o -> o.startsWith("-XX:ReservedCodeCacheSize="))
                .anyMatch(o -> o.startsWith("-XX:MaxMetaspaceSize="))
                .anyMatch(o -> o.startsWith("-XX:MaxDirectMemorySize="))
                .anyMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval="));
        assertThat(new LocalPlatformOptions().consoleJvmOptions()).isEqualTo(jvm);
        assertThat(new LocalPlatformOptions().classDataSharing()).isTrue();
    }

    @Test
    void theArchiveNameChangesWithTheJarTheJdkOrTheOptions(@TempDir Path dir) throws Exception {
        Path jar = tinyJar(dir.resolve("a.jar"), "one");
        Path java = new LocalPlatformOptions().javaExecutable();
        List<String> opts = List.of("-Xmx192m");
        String fp = ClassDataArchives.fingerprint(jar, java, opts);
        assertThat(fp).matches("[0-9a-f]{16}").isEqualTo(ClassDataArchives.fingerprint(jar, java, opts));
        assertThat(ClassDataArchives.fingerprint(jar, java, List.of("-Xmx256m"))).isNotEqualTo(fp);
        assertThat(ClassDataArchives.fingerprint(jar, dir.resolve("other-jdk/bin/java"), opts)).isNotEqualTo(fp);
        // the JVM refuses an archive when the jar's time changed, even with the same bytes
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        String touched = ClassDataArchives.fingerprint(jar, java, opts);
        assertThat(touched).isNotEqualTo(fp);
        FileTime time = Files.getLastModifiedTime(jar);
        tinyJar(jar, "two");
        Files.setLastModifiedTime(jar, time);
        assertThat(ClassDataArchives.fingerprint(jar, java, opts)).as("other bytes, same time").isNotEqualTo(touched);

        LocalPlatformOptions o = new LocalPlatformOptions().dataDir(dir.resolve("data")).serviceJar(SERVICE, jar);
        try (LocalPlatform p = new LocalPlatform(o)) {
            assertThat(p.classDataArchive(SERVICE)).as("beside the jar by default")
                    .isEqualTo(dir.resolve("cds").resolve("contacts-service-"
                            + ClassDataArchives.fingerprint(jar, java, o.serviceJvmOptions()) + ".jsa"));
        }
    }

    @Test
    void aServiceStartsOnTheArchiveItsTrainingRunMadeAndARebuiltJarGetsANewOne(@TempDir Path dir) throws Exception {
        Path jar = tinyJar(dir.resolve("contacts.jar"), "build 1");
        try (LocalPlatform p = new LocalPlatform(options(dir, jar, List.of()))) {
            Path archive = p.classDataArchive(SERVICE);
            assertThat(archive).doesNotExist();
            p.startService(SERVICE);
            p.awaitServiceHealthy(SERVICE, Duration.ofSeconds(30));
            assertThat(archive).as("made by the training run").isNotEmptyFile();
            assertThat(classSource(dir, p)).as("the running service's classes come from the archive")
                    .isEqualTo("shared objects file (top)");
            assertThat(trainingRuns(p)).isEqualTo(1);

            // started again: the archive is used as it is, no second training run
            p.stopService(SERVICE, false);
            p.startService(SERVICE);
            p.awaitServiceHealthy(SERVICE, Duration.ofSeconds(30));
            assertThat(classSource(dir, p)).isEqualTo("shared objects file (top)");
            assertThat(trainingRuns(p)).isEqualTo(1);
            p.stopService(SERVICE, false);

            tinyJar(jar, "build 2");
            Path rebuilt = p.classDataArchive(SERVICE);
            assertThat(rebuilt).isNotEqualTo(archive).doesNotExist();
            p.startService(SERVICE);
            p.awaitServiceHealthy(SERVICE, Duration.ofSeconds(30));
            assertThat(rebuilt).isNotEmptyFile();
            assertThat(archive).as("the old build's archive is of no use any more").doesNotExist();
            assertThat(classSource(dir, p)).isEqualTo("shared objects file (top)");
        }
    }

    @Test
    void aServiceStartsWithoutAnArchiveWhenNoneCanBeMade(@TempDir Path dir) throws Exception {
        Path jar = tinyJar(dir.resolve("contacts.jar"), "build 1");
        // Without the JDK's own base archive the JVM cannot write one of the application's.
        try (LocalPlatform p = new LocalPlatform(options(dir, jar, List.of("-Xshare:off")))) {
            p.startService(SERVICE);
            p.awaitServiceHealthy(SERVICE, Duration.ofSeconds(30));
            assertThat(p.classDataArchive(SERVICE)).doesNotExist();
            assertThat(classSource(dir, p)).startsWith("file:");
            assertThat(commandLine(p)).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
            assertThat(Files.readString(p.logFile(SERVICE))).contains("no class-data archive for contacts-service");

            // this platform does not try that jar again at every start
            p.stopService(SERVICE, false);
            p.startService(SERVICE);
            p.awaitServiceHealthy(SERVICE, Duration.ofSeconds(30));
            assertThat(trainingRuns(p)).isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(dir.resolve("cds"))) {
            assertThat(left).as("no half-written archive left behind").isEmpty();
        }
    }

    @Test
    void aTruncatedArchiveIsNeverKept(@TempDir Path dir) throws Exception {
        // JDK 17 dies of SIGBUS on a truncated archive even with -Xshare:auto: one must never be used.
        Path jar = tinyJar(dir.resolve("contacts.jar"), "build 1");
        ClassDataArchives archives = new ClassDataArchives(new LocalPlatformOptions().javaExecutable(), dir.resolve("cds"));
        List<String> jvm = LocalPlatformOptions.DEFAULT_SERVICE_JVM_OPTIONS;
        ClassDataArchives.TrainingRun cutShort = createOptions -> {
            // as a training JVM killed while it wrote: a start of an archive, then nothing
            Path tmp = Path.of(createOptions.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
            Files.write(tmp, new byte[1000]);
            return 143;
        };
        assertThat(archives.ensure("contacts-service", jar, jvm, cutShort, dir.resolve("log.txt"))).isEmpty();
        assertThat(archives.archiveFor("contacts-service", jar, jvm)).doesNotExist();
        try (Stream<Path> left = Files.list(dir.resolve("cds"))) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("log.txt"))).contains("does not accept the archive");
    }

    private static LocalPlatformOptions options(Path dir, Path jar, List<String> extraJvmOptions) {
        List<String> jvm = new ArrayList<>(LocalPlatformOptions.DEFAULT_SERVICE_JVM_OPTIONS);
        jvm.addAll(extraJvmOptions);
        // one file per JVM (%p: its pid) saying where each class came from
        jvm.add("-Xlog:class+load=info:file=" + dir.resolve("class-load-%p.log"));
        return new LocalPlatformOptions().dataDir(dir.resolve("data")).freePorts().serviceJar(SERVICE, jar)
                .serviceJvmOptions(jvm);
    }

    /** Where the running service's JVM loaded {@link TinyService} from, e.g. "shared objects file (top)". */
    private static String classSource(Path dir, LocalPlatform p) throws IOException {
        long pid = p.servicePid(SERVICE).orElseThrow();
        String marker = TinyService.class.getName() + " source: ";
        return Files.readAllLines(dir.resolve("class-load-" + pid + ".log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .map(l -> l.substring(l.indexOf(marker) + marker.length()))
                .findFirst().orElseThrow();
    }

    private static long trainingRuns(LocalPlatform p) throws IOException {
        return Files.readAllLines(p.logFile(SERVICE), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("(class-data training run) starting at")).count();
    }

    private static List<String> commandLine(LocalPlatform p) throws IOException {
        long pid = p.servicePid(SERVICE).orElseThrow();
        return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0"));
    }

    /** An executable jar of {@link TinyService}; {@code build} makes one build's bytes differ from another's. */
    private static Path tinyJar(Path jar, String build) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TinyService.class.getName());
        String entry = TinyService.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m);
             var in = TinyService.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
            j.putNextEntry(new JarEntry("build.txt"));
            j.write(build.getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }
}
