package io.shardline.proxy;

/** Entry point placeholder; replaced by the real launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("shardline");
    }
}
