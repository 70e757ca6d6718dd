"""Event dates resolved from the publication date."""
