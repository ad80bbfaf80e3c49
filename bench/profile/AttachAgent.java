import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM through the Attach API: {@code java AttachAgent.java <pid> <agent.so>
 * <options>}. Used by bench/profile/profile.sh to start and stop async-profiler; {@code jcmd JVMTI.agent_load} would split
 * the options at their '=' signs.
 */
public class AttachAgent {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java AttachAgent.java <pid> <agent library path> <agent options>");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
