package dev.servicemetrics.live;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so, on the test's thread. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    void runAll() {
        for (Runnable task; (task = next()) != null; ) {
            task.run();
        }
    }

    synchronized int queued() {
        return tasks.size();
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }
}
