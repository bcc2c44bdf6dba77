package app.rapport.layeringother;

/** Stands for another service's class, for {@code LayeringRulesTest}. */
public class OtherServiceClass {
}
