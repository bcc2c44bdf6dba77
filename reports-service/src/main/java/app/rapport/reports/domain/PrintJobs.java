package app.rapport.reports.domain;

/** Where the print-queue delivery puts what staff are to print (the repository implements it). */
public interface PrintJobs {

    PrintJob save(PrintJob job);
}
