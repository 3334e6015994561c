package io.shardline.router.bench;

import io.shardline.router.classify.Classification;
import io.shardline.router.classify.Classifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The classifier runs on every statement a client sends: what does one call cost? */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ClassifierBenchmark {
    private final String pointSelect = "SELECT c FROM sbtest1 WHERE id=50123";
    private final String update = "UPDATE sbtest3 SET k=k+1 WHERE id=4711";
    private final String orm = "select order0_.id as id1_3_, order0_.customer_id as customer2_3_, order0_.created_at"
            + " as created_3_3_ from orders order0_ left outer join customers customer1_ on order0_.customer_id="
            + "customer1_.id where customer1_.email=? and order0_.created_at>? order by order0_.created_at desc limit ?";
    private final String session = "/* mysql-connector-j */SET character_set_results = NULL, @@session.autocommit=1";

    @Benchmark
    public Classification pointSelect() {
        return Classifier.classify(pointSelect);
    }

    @Benchmark
    public Classification update() {
        return Classifier.classify(update);
    }

    @Benchmark
    public Classification ormSelect() {
        return Classifier.classify(orm);
    }

    @Benchmark
    public Classification sessionSet() {
        return Classifier.classify(session);
    }
}
