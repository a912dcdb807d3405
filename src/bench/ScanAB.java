import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Alternates two mlproj jars' Scanner.scan in one JVM; process CPU and wall time per scan. A benchmark harness,
 * not product code: each jar lives in its own class loader and is driven by reflection, which is the only way
 * to hold two versions of the same classes side by side. Usage: ScanAB TARGET RUNS BEFORE.jar AFTER.jar
 */
public class ScanAB {
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String[] names = {"before", "after"};
        Object[] scanners = new Object[2];
        Method[] scan = new Method[2];
        Object[] queries = new Object[2];
        for (int i = 0; i < 2; i++) {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(args[2 + i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> loader = cl.loadClass("dev.mlproj.rubric.RubricLoader");
            Object rubric = loader.getMethod("builtin").invoke(loader.getConstructor().newInstance());
            queries[i] = loader.getMethod("queries", cl.loadClass("dev.mlproj.rubric.Rubric")).invoke(null, rubric);
            Class<?> sc = cl.loadClass("dev.mlproj.scan.Scanner");
            scanners[i] = sc.getConstructor().newInstance();
            scan[i] = sc.getMethod("scan", Path.class, List.class);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<List<double[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = -2; r < runs; r++) { // two warm-up rounds
            for (int i = 0; i < 2; i++) {
                int k = (r & 1) == 0 ? i : 1 - i; // alternate which goes first
                System.gc();
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                scan[k].invoke(scanners[k], target, queries[k]);
                double[] s = {(os.getProcessCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9};
                if (r >= 0) samples.get(k).add(s);
            }
        }
        for (int i = 0; i < 2; i++) {
            List<Double> cpu = new ArrayList<>(), wall = new ArrayList<>();
            for (double[] s : samples.get(i)) { cpu.add(s[0]); wall.add(s[1]); }
            Collections.sort(cpu); Collections.sort(wall);
            System.out.printf("%-6s cpu median %.3f s (min %.3f)  wall median %.3f s (min %.3f)  n=%d%n", names[i],
                    cpu.get(cpu.size() / 2), cpu.get(0), wall.get(wall.size() / 2), wall.get(0), cpu.size());
        }
    }
}
